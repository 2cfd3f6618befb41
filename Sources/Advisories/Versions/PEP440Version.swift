/// A parsed PEP 440 version (Python packages), normalised as `packaging.version.Version` does:
/// case-insensitive, `v` prefix, `alpha/a`, `beta/b`, `c/pre/preview/rc`, `rev/r/-N` post-releases,
/// optional separators and implicit zeros.
struct PEP440Version {
    var epoch = 0
    var release: [Int] = []
    /// Pre-release: phase (0 a, 1 b, 2 rc) and number.
    var pre: (Int, Int)?
    var post: Int?
    var dev: Int?
    /// Local segments, lowercased; numeric ones as Int.
    var local: [LocalPart]?

    enum LocalPart: Comparable {
        case text(String), number(Int)
        /// Numbers sort after text (PEP 440).
        static func < (a: LocalPart, b: LocalPart) -> Bool {
            switch (a, b) {
            case let (.number(x), .number(y)): return x < y
            case let (.text(x), .text(y)): return x < y
            case (.text, .number): return true
            case (.number, .text): return false
            }
        }
    }

    /// Parses `text`; nil when it is not a PEP 440 version.
    init?(_ text: String) {
        var s = Scanner440(text)
        let v = UInt8(ascii: "v"), dot = UInt8(ascii: ".")
        _ = s.eat(v)
        if let e = s.number(), s.eat(UInt8(ascii: "!")) { epoch = e } else { s.reset(); _ = s.eat(v) }
        guard let first = s.number() else { return nil }
        release = [first]
        while s.peek(dot), s.peekDigitAfterDot() { _ = s.eat(dot); release.append(s.number()!) }
        // Pre-release.
        let mark = s.position
        _ = s.separator()
        if let phase = s.word(Scanner440.preWords) {
            _ = s.separator()
            pre = (phase, s.number() ?? 0)
        } else { s.position = mark }
        // Post-release.
        let postMark = s.position
        if s.eat(UInt8(ascii: "-")), let n = s.number() {
            post = n
        } else {
            s.position = postMark
            _ = s.separator()
            if s.word(Scanner440.postWords) != nil {
                _ = s.separator()
                post = s.number() ?? 0
            } else { s.position = postMark }
        }
        // Development release.
        let devMark = s.position
        _ = s.separator()
        if s.word(Scanner440.devWords) != nil {
            _ = s.separator()
            dev = s.number() ?? 0
        } else { s.position = devMark }
        // Local version.
        if s.eat(UInt8(ascii: "+")) {
            let rest = s.rest
            guard !rest.isEmpty, rest.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else { return nil }
            local = rest.split(whereSeparator: { "-_.".contains($0) }).map { part in
                part.allSatisfy(\.isASCIIDigitCharacter) ? .number(Int(part) ?? Int.max) : .text(String(part))
            }
            if local!.isEmpty { return nil }
            s.position = s.end
        }
        guard s.atEnd else { return nil }
    }

    /// Orders as packaging's `_cmpkey`.
    static func compare(_ a: PEP440Version, _ b: PEP440Version) -> Int {
        if a.epoch != b.epoch { return threeWay(a.epoch, b.epoch) }
        let ra = a.release.reversed().drop { $0 == 0 }.reversed(), rb = b.release.reversed().drop { $0 == 0 }.reversed()
        for (x, y) in zip(ra, rb) where x != y { return threeWay(x, y) }
        if ra.count != rb.count { return threeWay(ra.count, rb.count) }
        let c1 = a.preKey.lexicographicallyPrecedes(b.preKey) ? -1 : (a.preKey == b.preKey ? 0 : 1); if c1 != 0 { return c1 }
        let c2 = threeWay(a.post ?? -1, b.post ?? -1); if c2 != 0 { return c2 }
        let c3 = threeWay(a.dev ?? Int.max, b.dev ?? Int.max); if c3 != 0 { return c3 }
        switch (a.local, b.local) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (x?, y?):
            for (p, q) in zip(x, y) where p != q { return p < q ? -1 : 1 }
            return threeWay(x.count, y.count)
        }
    }

    /// Sort key for the pre-release: a bare `.devN` sorts before every pre-release.
    private var preKey: [Int] {
        if pre == nil && post == nil && dev != nil { return [-1] }
        guard let pre else { return [3] }
        return [pre.0, pre.1]
    }
}

/// A tiny cursor over the lowercased UTF-8 bytes of a version string.
struct Scanner440 {
    let chars: [UInt8]
    var position = 0
    init(_ s: String) {
        var bytes = Array(s.utf8)
        for i in bytes.indices where bytes[i] >= 65 && bytes[i] <= 90 { bytes[i] += 32 }
        var start = 0, end = bytes.count
        while start < end && (bytes[start] == 32 || bytes[start] == 9 || bytes[start] == 10) { start += 1 }
        while end > start && (bytes[end - 1] == 32 || bytes[end - 1] == 9 || bytes[end - 1] == 10) { end -= 1 }
        chars = start == 0 && end == bytes.count ? bytes : Array(bytes[start..<end])
    }
    var end: Int { chars.count }
    var atEnd: Bool { position >= chars.count }
    var rest: String { String(decoding: chars[min(position, chars.count)...], as: UTF8.self) }
    mutating func reset() { position = 0 }
    func peek(_ c: UInt8) -> Bool { position < chars.count && chars[position] == c }
    func peekDigitAfterDot() -> Bool { position + 1 < chars.count && chars[position + 1].isASCIIDigit }
    mutating func eat(_ c: UInt8) -> Bool {
        guard peek(c) else { return false }
        position += 1
        return true
    }
    mutating func separator() -> Bool { eat(UInt8(ascii: ".")) || eat(UInt8(ascii: "-")) || eat(UInt8(ascii: "_")) }
    mutating func number() -> Int? {
        let start = position
        var value = 0, overflow = false
        while position < chars.count && chars[position].isASCIIDigit {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int(chars[position] - 48))
            overflow = overflow || o1 || o2
            value = a
            position += 1
        }
        guard position > start else { return nil }
        return overflow ? Int.max : value
    }

    static let preWords: [([UInt8], Int)] = [("preview", 2), ("alpha", 0), ("beta", 1), ("pre", 2), ("rc", 2),
                                              ("a", 0), ("b", 1), ("c", 2)].map { (Array($0.0.utf8), $0.1) }
    static let postWords: [([UInt8], Int)] = [("post", 0), ("rev", 0), ("r", 0)].map { (Array($0.0.utf8), $0.1) }
    static let devWords: [([UInt8], Int)] = [(Array("dev".utf8), 0)]

    /// Matches the first word of `table` (longest first) at the cursor.
    mutating func word(_ table: [([UInt8], Int)]) -> Int? {
        for (k, value) in table where position + k.count <= chars.count {
            var same = true
            for i in 0..<k.count where chars[position + i] != k[i] { same = false; break }
            if same {
                position += k.count
                return value
            }
        }
        return nil
    }
}

/// PEP 440 ordering for Python packages; strings that are not PEP 440 versions sort before
/// all valid ones and among themselves by ``GenericVersionComparator``.
public struct PEP440VersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "pep440" }
    public func pinned(_ version: String) -> (String) -> Int {
        guard let v = PEP440Version(version) else { return { self.compare(version, $0) } }
        guard Self.isPlain(version) else { return { other in PEP440Version(other).map { PEP440Version.compare(v, $0) } ?? 1 } }
        return { other in Self.plainCompare(version, other) ?? (PEP440Version(other).map { PEP440Version.compare(v, $0) } ?? 1) }
    }
    public func compare(_ a: String, _ b: String) -> Int {
        if let order = Self.plainCompare(a, b) { return order }
        switch (PEP440Version(a), PEP440Version(b)) {
        case let (x?, y?): return PEP440Version.compare(x, y)
        case (nil, nil): return GenericVersionComparator().compare(a, b)
        case (nil, _): return -1
        case (_, nil): return 1
        }
    }

    /// `1.2.3` against `1.2` (release numbers only) compared without parsing (``PlainRelease``).
    static func plainCompare(_ a: String, _ b: String) -> Int? {
        PlainRelease.compare(a, b)
    }

    static func isPlain(_ version: String) -> Bool {
        PlainRelease.isPlain(version)
    }
}
