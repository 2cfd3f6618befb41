/// RPM versions (`[epoch:]version[-release]`), as `rpmvercmp` and `rpm.vercmp` order them.
///
/// Epochs compare numerically (missing = 0). Version and release are split into alternating
/// alphabetic and numeric segments; separators are ignored; numeric segments beat alphabetic ones;
/// `~` sorts before everything (even the end), `^` after the end but before anything else.
/// A missing release sorts before any release.
public struct RpmVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "rpm" }

    public func compare(_ a: String, _ b: String) -> Int {
        let x = EVR(a), y = EVR(b)
        let epoch = compareDigitRuns(x.epoch, y.epoch)
        if epoch != 0 { return epoch }
        let version = Self.rpmvercmp(x.version, y.version)
        if version != 0 { return version }
        switch (x.release, y.release) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case let (r1?, r2?): return Self.rpmvercmp(r1, r2)
        }
    }

    struct EVR {
        var epoch: Substring = "0", version: Substring, release: Substring?
        init(_ string: String) {
            var rest = Substring(string)
            let digits = rest.prefix { $0.isASCIIDigitCharacter }
            if rest.dropFirst(digits.count).first == ":" {
                epoch = digits.isEmpty ? "0" : digits
                rest = rest.dropFirst(digits.count + 1)
            }
            if let dash = rest.lastIndex(of: "-") {
                release = rest[rest.index(after: dash)...]
                rest = rest[..<dash]
            }
            version = rest
        }
    }

    static func rpmvercmp(_ a: Substring, _ b: Substring) -> Int {
        if a == b { return 0 }
        let one = Array(a.utf8), two = Array(b.utf8)
        var i = 0, j = 0
        let tilde = UInt8(ascii: "~"), caret = UInt8(ascii: "^")
        func separator(_ c: UInt8) -> Bool { !c.isASCIIAlphanumeric && c != tilde && c != caret }
        while i < one.count || j < two.count {
            while i < one.count && separator(one[i]) { i += 1 }
            while j < two.count && separator(two[j]) { j += 1 }
            let c1: UInt8? = i < one.count ? one[i] : nil, c2: UInt8? = j < two.count ? two[j] : nil
            if c1 == tilde || c2 == tilde {
                if c1 != tilde { return 1 }
                if c2 != tilde { return -1 }
                i += 1; j += 1; continue
            }
            if c1 == caret || c2 == caret {
                if c1 == nil { return -1 }
                if c2 == nil { return 1 }
                if c1 != caret { return 1 }
                if c2 != caret { return -1 }
                i += 1; j += 1; continue
            }
            guard let first = c1, c2 != nil else { break }
            let numeric = first.isASCIIDigit
            let start1 = i, start2 = j
            if numeric {
                while i < one.count && one[i].isASCIIDigit { i += 1 }
                while j < two.count && two[j].isASCIIDigit { j += 1 }
            } else {
                while i < one.count && one[i].isASCIILetter { i += 1 }
                while j < two.count && two[j].isASCIILetter { j += 1 }
            }
            if j == start2 { return numeric ? 1 : -1 }
            let s1 = one[start1..<i], s2 = two[start2..<j]
            if numeric {
                let t1 = s1.drop { $0 == 48 }, t2 = s2.drop { $0 == 48 }
                if t1.count != t2.count { return t1.count < t2.count ? -1 : 1 }
                if let d = zip(t1, t2).first(where: { $0 != $1 }) { return d.0 < d.1 ? -1 : 1 }
            } else if let d = zip(s1, s2).first(where: { $0 != $1 }) {
                return d.0 < d.1 ? -1 : 1
            } else if s1.count != s2.count {
                return s1.count < s2.count ? -1 : 1
            }
        }
        if i >= one.count && j >= two.count { return 0 }
        return i >= one.count ? -1 : 1
    }
}
