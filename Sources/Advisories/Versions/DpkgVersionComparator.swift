/// Debian package versions (`[epoch:]upstream[-revision]`), as `dpkg --compare-versions`.
///
/// Epochs compare numerically; upstream and revision compare by alternating non-digit runs
/// (letters before non-letters, `~` before everything including the end) and digit runs (numerically).
public struct DpkgVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "dpkg" }

    public func compare(_ a: String, _ b: String) -> Int {
        let x = Parts(a), y = Parts(b)
        let epoch = compareDigitRuns(x.epoch, y.epoch)
        if epoch != 0 { return epoch }
        let upstream = Self.verrevcmp(x.upstream, y.upstream)
        if upstream != 0 { return upstream }
        return Self.verrevcmp(x.revision, y.revision)
    }

    struct Parts {
        var epoch: Substring = "0", upstream: Substring, revision: Substring = ""
        init(_ version: String) {
            var rest = Substring(version.trimmingSpaces)
            if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy(\.isASCIIDigitCharacter) {
                epoch = rest[..<colon].isEmpty ? "0" : rest[..<colon]
                rest = rest[rest.index(after: colon)...]
            }
            if let dash = rest.lastIndex(of: "-") {
                revision = rest[rest.index(after: dash)...]
                rest = rest[..<dash]
            }
            upstream = rest
        }
    }

    /// dpkg's weight of a non-digit character: `~` lowest, end of run 0, letters, then the rest.
    private static func order(_ c: UInt8?) -> Int {
        guard let c else { return 0 }
        if c == UInt8(ascii: "~") { return -1 }
        if c.isASCIIDigit { return 0 }
        if c.isASCIILetter { return Int(c) }
        return Int(c) + 256
    }

    static func verrevcmp(_ a: Substring, _ b: Substring) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            var firstDiff = 0
            while (i < a.count && !a[i].isASCIIDigit) || (j < b.count && !b[j].isASCIIDigit) {
                let ac = order(i < a.count ? a[i] : nil)
                let bc = order(j < b.count ? b[j] : nil)
                if ac != bc { return ac < bc ? -1 : 1 }
                i += 1; j += 1
            }
            while i < a.count && a[i] == UInt8(ascii: "0") { i += 1 }
            while j < b.count && b[j] == UInt8(ascii: "0") { j += 1 }
            while i < a.count && a[i].isASCIIDigit && j < b.count && b[j].isASCIIDigit {
                if firstDiff == 0 { firstDiff = Int(a[i]) - Int(b[j]) }
                i += 1; j += 1
            }
            if i < a.count && a[i].isASCIIDigit { return 1 }
            if j < b.count && b[j].isASCIIDigit { return -1 }
            if firstDiff != 0 { return firstDiff < 0 ? -1 : 1 }
        }
        return 0
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs (no copy work when there are none).
    var trimmingSpaces: String {
        func isSpace(_ c: Character?) -> Bool { c == " " || c == "\t" }
        guard isSpace(first) || isSpace(last) else { return String(self) }
        return String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
