/// Orders two version strings by one ecosystem's rules.
///
/// `compare` returns a negative number when `a` sorts before `b`, zero when they are equal under
/// the ecosystem's rules (not necessarily as strings: `1.0` and `1.0.0` are equal in PEP 440), and
/// a positive number when `a` sorts after `b`. Every comparator accepts any string: malformed input
/// falls back to a deterministic order rather than failing, because advisory feeds contain some.
public protocol VersionComparator: Sendable {
    /// The ecosystem's name for its scheme (`dpkg`, `apk`, `pep440`, …).
    var scheme: String { get }
    /// Compares `a` with `b`: negative, zero or positive.
    func compare(_ a: String, _ b: String) -> Int
    /// `compare(version, other)` for many `other`s, with `version` parsed once where the scheme allows.
    func pinned(_ version: String) -> (String) -> Int
}

extension VersionComparator {
    public func pinned(_ version: String) -> (String) -> Int { { self.compare(version, $0) } }

    /// `a < b` under this scheme.
    public func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }
}

/// Three-way comparison of two comparable values as -1, 0, 1.
@inline(__always)
func threeWay<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a > b ? 1 : 0) }

/// Compares two strings of ASCII digits by numeric value, of any length (no overflow).
func compareDigitRuns(_ a: Substring.UTF8View, _ b: Substring.UTF8View) -> Int {
    let a = a.drop { $0 == UInt8(ascii: "0") }
    let b = b.drop { $0 == UInt8(ascii: "0") }
    if a.count != b.count { return a.count < b.count ? -1 : 1 }
    for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
    return 0
}

/// Compares two strings of ASCII digits by numeric value.
func compareDigitRuns(_ a: some StringProtocol, _ b: some StringProtocol) -> Int {
    compareDigitRuns(Substring(a).utf8, Substring(b).utf8)
}

extension UInt8 {
    var isASCIIDigit: Bool { self >= 48 && self <= 57 }
    var isASCIILetter: Bool { (self >= 65 && self <= 90) || (self >= 97 && self <= 122) }
    var isASCIILower: Bool { self >= 97 && self <= 122 }
    var isASCIIAlphanumeric: Bool { isASCIIDigit || isASCIILetter }
}
