/// Composer (Packagist) versions, ordered as Composer does after normalisation: PHP's
/// `version_compare` rules on `[v]N(.N)*[-stability[N]]`. Numbers compare numerically; the
/// stability words rank `dev < alpha = a < beta = b < RC = rc < (release) < patch = pl = p`;
/// unknown words rank below `dev`. Branch names (`dev-main`) sort before every numbered version.
public struct ComposerVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "composer" }

    enum Token: Equatable { case number(Substring), word(Int) }

    /// PHP's special forms; a number ranks as `#` (4).
    static func rank(_ word: Substring) -> Int {
        switch word.lowercased() {
        case "dev": return 0
        case "alpha", "a": return 1
        case "beta", "b": return 2
        case "rc": return 3
        case "stable": return 4
        case "patch", "pl", "p": return 5
        default: return -6
        }
    }

    static func tokens(_ text: String) -> [Token]? {
        var s = Substring(text.trimmingSpaces)
        if s.hasPrefix("dev-") { return nil }
        if s.first == "v" || s.first == "V" { s = s.dropFirst() }
        if let plus = s.firstIndex(of: "+") { s = s[..<plus] }
        guard s.first?.isASCIIDigitCharacter == true else { return nil }
        var out: [Token] = []
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c.isASCIIDigitCharacter {
                let end = s[i...].firstIndex { !$0.isASCIIDigitCharacter } ?? s.endIndex
                out.append(.number(s[i..<end])); i = end
            } else if c.isLetter {
                let end = s[i...].firstIndex { !$0.isLetter } ?? s.endIndex
                out.append(.word(rank(s[i..<end]))); i = end
            } else {
                i = s.index(after: i)
            }
        }
        // Composer normalises the release to four numbers (`1.0` → `1.0.0.0`).
        let numbers = out.prefix { if case .number = $0 { return true } else { return false } }.count
        if numbers < 4 { out.insert(contentsOf: Array(repeating: Token.number("0"), count: 4 - numbers), at: numbers) }
        return out
    }

    public func compare(_ a: String, _ b: String) -> Int {
        guard let x = Self.tokens(a) else { return Self.tokens(b) == nil ? GenericVersionComparator().compare(a, b) : -1 }
        guard let y = Self.tokens(b) else { return 1 }
        for i in 0..<max(x.count, y.count) {
            // A missing part of the shorter version counts as `#` (a release), as in PHP.
            let p = i < x.count ? x[i] : nil, q = i < y.count ? y[i] : nil
            let c: Int
            switch (p, q) {
            case let (.number(m)?, .number(n)?): c = compareDigitRuns(m, n)
            case (.number?, nil): c = 1
            case (nil, .number?): c = -1
            case let (.word(r)?, .number?): c = threeWay(r, 4)
            case let (.number?, .word(r)?): c = threeWay(4, r)
            case let (.word(r)?, .word(s)?): c = threeWay(r, s)
            case let (.word(r)?, nil): c = threeWay(r, 4)
            case let (nil, .word(r)?): c = threeWay(4, r)
            case (nil, nil): c = 0
            }
            if c != 0 { return c }
        }
        return 0
    }
}
