/// A Go version's layout read straight from its UTF-8 bytes: where its release numbers are and
/// whether a pre-release follows, for the common comparisons that need no parsed version.
///
/// Only versions the full parser (``GoVersionComparator/parse(_:)``) accepts get a shape, checked
/// by the same rules (`go`/`v` prefix, 1–3 numbers without leading zeros, a suffix only after all
/// three, pre-release identifiers non-empty, alphanumeric or `-`, numeric ones without leading
/// zeros, ASCII build metadata ignored); numbers are limited to 18 digits. Anything else (and a
/// pre-release against a pre-release of the same release) is left to the full comparison.
struct GoVersionShape {
    var releaseStart: Int
    var releaseEnd: Int
    var hasPrerelease: Bool

    /// The order of `a` and `b`, or nil when only the full comparison can tell.
    static func compare(_ a: String, _ b: String) -> Int? {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard let p = GoVersionShape(x), let q = GoVersionShape(y) else { return nil }
                let order = PlainRelease.compareNumbers(x, p.releaseStart..<p.releaseEnd, y, q.releaseStart..<q.releaseEnd)
                if order != 0 { return order }
                switch (p.hasPrerelease, q.hasPrerelease) {
                case (false, false): return 0
                case (false, true): return 1
                case (true, false): return -1
                case (true, true): return nil
                }
            }
        }
    }

    /// Whether `version` has a shape (the full parser accepts it and its numbers are short).
    static func hasShape(_ version: String) -> Bool {
        var version = version
        return version.withUTF8 { GoVersionShape($0) != nil }
    }

    init?(_ b: UnsafeBufferPointer<UInt8>) {
        var i = 0
        if b.count >= 2 && b[0] == UInt8(ascii: "g") && b[1] == UInt8(ascii: "o") { i = 2 }
        if i < b.count && b[i] == UInt8(ascii: "v") { i += 1 }
        releaseStart = i
        var parts = 1, run = 0, runStart = i
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard run > 0, parts < 3 else { return nil }
                parts += 1
                run = 0
                runStart = i + 1
            } else if c.isASCIIDigit {
                if run == 1 && b[runStart] == UInt8(ascii: "0") { return nil }
                run += 1
                guard run <= 18 else { return nil }
            } else {
                break
            }
            i += 1
        }
        guard run > 0 else { return nil }
        releaseEnd = i
        hasPrerelease = false
        guard i < b.count else { return }
        guard parts == 3, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") else { return nil }
        var mainEnd = b.count
        for j in i..<b.count {
            let c = b[j]
            guard c.isASCIIAlphanumeric || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") else { return nil }
            if c == UInt8(ascii: "+") && mainEnd == b.count { mainEnd = j }
        }
        guard b[i] == UInt8(ascii: "-") else { return }   // build metadata only
        // Pre-release identifiers: non-empty, `[0-9A-Za-z-]`, numeric ones without leading zeros.
        var start = i + 1
        guard start < mainEnd else { return nil }
        while start <= mainEnd {
            var end = start, numeric = true
            while end < mainEnd && b[end] != UInt8(ascii: ".") {
                if !b[end].isASCIIDigit { numeric = false }
                end += 1
            }
            guard end > start else { return nil }
            if numeric && end - start > 1 && b[start] == UInt8(ascii: "0") { return nil }
            start = end + 1
        }
        hasPrerelease = true
    }
}
