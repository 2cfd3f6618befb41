/// Maven versions, as `org.apache.maven.artifact.versioning.ComparableVersion` (Maven 3.8) orders them.
///
/// The version is lowercased and split at `.` and `-` and at letter/digit transitions into numbers,
/// qualifiers and nested lists (each `-` or transition starts a sub-list). Known qualifiers order
/// `alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp`; other qualifiers
/// sort after `sp`, alphabetically; `a1`/`b1`/`m1` mean alpha/beta/milestone. Trailing zeros and
/// release qualifiers are dropped, so `1 = 1.0 = 1-ga`.
public struct MavenVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "maven" }

    public func compare(_ a: String, _ b: String) -> Int {
        Item.list(Self.parse(a)).compare(.list(Self.parse(b)))
    }

    indirect enum Item {
        case number(Substring)
        case qualifier(String)
        case list([Item])

        static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
        static let releaseIndex = "5"

        static func qualifier(_ raw: String, followedByDigit: Bool) -> Item {
            var value = raw
            if followedByDigit && value.count == 1 {
                value = ["a": "alpha", "b": "beta", "m": "milestone"][value] ?? value
            }
            value = ["ga": "", "final": "", "release": "", "cr": "rc"][value] ?? value
            return .qualifier(value)
        }

        static func comparable(_ q: String) -> String {
            if let index = qualifiers.firstIndex(of: q) { return String(index) }
            return "\(qualifiers.count)-\(q)"
        }

        var isNull: Bool {
            switch self {
            case .number(let digits): return digits.allSatisfy { $0 == "0" }
            case .qualifier(let q): return Item.comparable(q) == Item.releaseIndex
            case .list(let items): return items.isEmpty
            }
        }

        /// Compares with another item, or with "nothing" (`nil`).
        func compare(_ other: Item?) -> Int {
            switch (self, other) {
            case (.number(let d), nil): return d.allSatisfy { $0 == "0" } ? 0 : 1
            case let (.number(x), .number(y)?): return compareDigitRuns(x, y)
            case (.number, _): return 1
            case (.qualifier(let q), nil): return threeWay(Item.comparable(q), Item.releaseIndex)
            case (.qualifier, .number?): return -1
            case let (.qualifier(x), .qualifier(y)?): return threeWay(Item.comparable(x), Item.comparable(y))
            case (.qualifier, .list?): return -1
            case (.list(let items), nil): return items.first?.compare(nil) ?? 0
            case (.list, .number?): return -1
            case (.list, .qualifier?): return 1
            case let (.list(left), .list(right)?):
                for i in 0..<max(left.count, right.count) {
                    let l = i < left.count ? left[i] : nil, r = i < right.count ? right[i] : nil
                    let result: Int
                    if let l { result = l.compare(r) } else if let r { result = -r.compare(nil) } else { result = 0 }
                    if result != 0 { return result }
                }
                return 0
            }
        }
    }

    /// A list under construction (a reference, so the parser can keep appending to a nested one).
    private final class Node {
        var items: [Any] = []   // Item or Node
        func add(_ item: Item) { items.append(item) }
        func addList() -> Node { let child = Node(); items.append(child); return child }
        var isEmpty: Bool { items.isEmpty }
        func build() -> [Item] {
            Self.normalize(items.map { ($0 as? Node).map { .list($0.build()) } ?? ($0 as! Item) })
        }
        /// Drops null items from the end, walking back over (non-null) lists.
        static func normalize(_ items: [Item]) -> [Item] {
            var out = items
            var i = out.count - 1
            while i >= 0 {
                if out[i].isNull { out.remove(at: i) } else if case .list = out[i] {} else { break }
                i -= 1
            }
            return out
        }
    }

    static func parse(_ raw: String) -> [Item] {
        let version = Array(raw.lowercased())
        let root = Node()
        var list = root
        var isDigit = false
        var start = 0
        func item(_ digit: Bool, _ from: Int, _ to: Int) -> Item {
            let text = String(version[from..<to])
            return digit ? .number(Substring(text)) : .qualifier(text, followedByDigit: false)
        }
        for (i, c) in version.enumerated() {
            if c == "." || c == "-" {
                list.add(i == start ? .number("0") : item(isDigit, start, i))
                start = i + 1
                if c == "-" { list = list.addList() }
            } else if c.isASCIIDigitCharacter {
                if !isDigit && i > start {
                    if !list.isEmpty { list = list.addList() }
                    list.add(.qualifier(String(version[start..<i]), followedByDigit: true))
                    start = i
                    list = list.addList()
                }
                isDigit = true
            } else {
                if isDigit && i > start {
                    list.add(item(true, start, i))
                    start = i
                    list = list.addList()
                }
                isDigit = false
            }
        }
        if version.count > start {
            if !isDigit && !list.isEmpty { list = list.addList() }
            list.add(item(isDigit, start, version.count))
        }
        return root.build()
    }
}
