/// Alpine package versions, as apk-tools orders them.
///
/// Grammar: `digits{.digits}[letter]{_suffix[digits]}[-rN]`. Pre-release suffixes `_alpha < _beta <
/// _pre < _rc` sort before the bare version; `_cvs _svn _git _hg _p` sort after it. A component that
/// starts with `0` after a dot compares as a fraction (`1.01 < 1.1`). When one version is a prefix of
/// the other, the longer one is newer unless what follows is a pre-release suffix.
public struct ApkVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "apk" }

    /// Token kinds in the order apk-tools ranks them when one version ends earlier.
    enum Kind: Int, Comparable {
        case invalid = -1, digitOrZero, digit, letter, suffix, suffixNumber, revision, end
        static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    private static let preSuffixes: [[UInt8]] = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
    private static let postSuffixes: [[UInt8]] = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

    struct Cursor {
        let bytes: [UInt8]
        var position = 0
        var kind = Kind.digit
        var remaining: Int { bytes.count - position }

        /// Reads the value of the token of kind `kind`, then works out the next token's kind.
        mutating func take() -> Int64 {
            if remaining <= 0 { kind = .end; return 0 }
            var value: Int64 = 0, length = 0
            var forced: Kind?
            switch kind {
            case .digitOrZero where bytes[position] == UInt8(ascii: "0"):
                while position + length < bytes.count && bytes[position + length] == UInt8(ascii: "0") { length += 1 }
                forced = .digit
                value = -Int64(length)
            case .digitOrZero, .digit, .suffixNumber, .revision:
                while position + length < bytes.count && bytes[position + length].isASCIIDigit {
                    value = value &* 10 &+ Int64(bytes[position + length] - 48)
                    length += 1
                }
            case .letter:
                value = Int64(bytes[position]); length = 1
            case .suffix:
                if let (index, count) = match(ApkVersionComparator.preSuffixes) {
                    value = Int64(index - ApkVersionComparator.preSuffixes.count); length = count
                } else if let (index, count) = match(ApkVersionComparator.postSuffixes) {
                    value = Int64(index); length = count
                } else {
                    kind = .invalid; return -1
                }
            case .invalid, .end:
                kind = .invalid; return -1
            }
            position += length
            if remaining == 0 { kind = .end } else if let forced { kind = forced } else { advanceKind() }
            return value
        }

        private func match(_ table: [[UInt8]]) -> (Int, Int)? {
            for (index, word) in table.enumerated()
            where word.count <= remaining && Array(bytes[position..<position + word.count]) == word {
                return (index, word.count)
            }
            return nil
        }

        /// Decides the next token's kind from the separator at the cursor.
        private mutating func advanceKind() {
            var next = Kind.invalid
            let c = bytes[position]
            if c == 0 {
                next = .end
            } else if (kind == .digit || kind == .digitOrZero) && c.isASCIILower {
                next = .letter
            } else if kind == .letter && c.isASCIIDigit {
                next = .digit
            } else if kind == .suffix && c.isASCIIDigit {
                next = .suffixNumber
            } else {
                switch c {
                case UInt8(ascii: "."): next = .digitOrZero
                case UInt8(ascii: "_"): next = .suffix
                case UInt8(ascii: "-"):
                    if remaining > 1 && bytes[position + 1] == UInt8(ascii: "r") {
                        next = .revision
                        position += 1
                    }
                default: break
                }
                position += 1
            }
            if next < kind {
                let allowed = (next == .digitOrZero && kind == .digit) || (next == .suffix && kind == .suffixNumber)
                    || (next == .digit && kind == .letter)
                if !allowed { next = .invalid }
            }
            kind = next
        }
    }

    public func compare(_ a: String, _ b: String) -> Int {
        var x = Cursor(bytes: Array(a.utf8)), y = Cursor(bytes: Array(b.utf8))
        var xv: Int64 = 0, yv: Int64 = 0
        while x.kind == y.kind && x.kind != .end && x.kind != .invalid && xv == yv {
            xv = x.take()
            yv = y.take()
        }
        if xv != yv { return xv < yv ? -1 : 1 }
        if x.kind == y.kind { return 0 }
        if x.kind == .suffix {
            var probe = x
            if probe.take() < 0 { return -1 }
        }
        if y.kind == .suffix {
            var probe = y
            if probe.take() < 0 { return 1 }
        }
        if x.kind > y.kind { return -1 }
        if y.kind > x.kind { return 1 }
        return 0
    }
}
