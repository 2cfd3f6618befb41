/// RubyGems versions, as `Gem::Version#<=>`: the string is split into numeric and alphabetic
/// segments (`-` counts as `.pre.`); a version with a letter segment is a pre-release and sorts
/// before the release; trailing zero segments are ignored (`1.0 = 1`); a letter segment sorts
/// before a number at the same position; letters compare case-sensitively.
public struct RubyGemsVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "rubygems" }

    enum Segment: Equatable { case number(Substring), text(Substring) }

    static func segments(_ text: String) -> [Segment]? {
        let version = text.trimmingSpaces.replacingDashes
        guard version.isEmpty || version.first!.isASCIIDigitCharacter else { return nil }
        guard version.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == ".") }) else { return nil }
        var all: [Segment] = []
        var i = version.startIndex
        while i < version.endIndex {
            let c = version[i]
            if c.isNumber {
                let end = version[i...].firstIndex { !$0.isNumber } ?? version.endIndex
                all.append(.number(version[i..<end])); i = end
            } else if c.isLetter {
                let end = version[i...].firstIndex { !$0.isLetter } ?? version.endIndex
                all.append(.text(version[i..<end])); i = end
            } else { i = version.index(after: i) }
        }
        // Canonical segments: trailing zeros dropped from the release part and from the pre-release part.
        let split = all.firstIndex { if case .text = $0 { return true } else { return false } } ?? all.count
        func trim(_ s: ArraySlice<Segment>) -> [Segment] {
            Array(s.reversed().drop { if case .number(let n) = $0 { return n.allSatisfy { $0 == "0" } } else { return false } }.reversed())
        }
        return trim(all[..<split]) + trim(all[split...])
    }

    public func compare(_ a: String, _ b: String) -> Int {
        guard let x = Self.segments(a) else { return Self.segments(b) == nil ? GenericVersionComparator().compare(a, b) : -1 }
        guard let y = Self.segments(b) else { return 1 }
        for i in 0..<max(x.count, y.count) {
            let l = i < x.count ? x[i] : .number("0"), r = i < y.count ? y[i] : .number("0")
            if l == r { continue }
            switch (l, r) {
            case (.text, .number): return -1
            case (.number, .text): return 1
            case let (.number(m), .number(n)):
                let c = compareDigitRuns(m, n); if c != 0 { return c }
            case let (.text(m), .text(n)):
                return m.utf8.lexicographicallyPrecedes(n.utf8) ? -1 : 1
            }
        }
        return 0
    }
}

extension String {
    /// RubyGems reads `1.0-beta` as `1.0.pre.beta`.
    var replacingDashes: String { split(separator: "-", omittingEmptySubsequences: false).joined(separator: ".pre.") }
}
