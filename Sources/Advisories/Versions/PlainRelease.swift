/// Versions that are nothing but dot-separated decimal numbers (`1.2.3`), the shape of most
/// installed versions and advisory bounds, compared in place on their UTF-8 bytes without building
/// a parsed version. PEP 440 uses it as a fast path and falls back to its full parser for anything
/// else, so the order is the same as the full comparison's: numbers compare by value, part by
/// part, missing parts count as 0. Parts are limited to 18 digits (no overflow). Go versions have
/// their own check (``GoVersionShape``).
enum PlainRelease {
    /// Compares `a` and `b` when both are plain releases; nil otherwise. `maxParts` and
    /// `leadingZeros` follow the scheme's grammar.
    static func compare(_ a: String, _ b: String, maxParts: Int = .max, leadingZeros: Bool = true) -> Int? {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                guard isPlain(x, from: 0, maxParts: maxParts, leadingZeros: leadingZeros),
                      isPlain(y, from: 0, maxParts: maxParts, leadingZeros: leadingZeros) else { return nil }
                return compareNumbers(x, 0..<x.count, y, 0..<y.count)
            }
        }
    }

    /// Whether `version` is a plain release.
    static func isPlain(_ version: String, maxParts: Int = .max, leadingZeros: Bool = true) -> Bool {
        var version = version
        return version.withUTF8 { isPlain($0, from: 0, maxParts: maxParts, leadingZeros: leadingZeros) }
    }

    /// 1…`maxParts` dot-separated runs of 1–18 ASCII digits from `start` to the end.
    private static func isPlain(_ b: UnsafeBufferPointer<UInt8>, from start: Int, maxParts: Int, leadingZeros: Bool) -> Bool {
        guard start < b.count else { return false }
        var parts = 1, run = 0, runStart = start
        for i in start..<b.count {
            let c = b[i]
            if c == UInt8(ascii: ".") {
                guard run > 0 else { return false }
                parts += 1
                guard parts <= maxParts else { return false }
                run = 0
                runStart = i + 1
            } else if c.isASCIIDigit {
                if !leadingZeros && run == 1 && b[runStart] == UInt8(ascii: "0") { return false }
                run += 1
                guard run <= 18 else { return false }
            } else {
                return false
            }
        }
        return run > 0
    }

    /// Dot-separated numbers of up to 18 digits in `ra` and `rb` (checked by the caller), compared
    /// part by part by value, a missing part counting as 0.
    static func compareNumbers(_ a: UnsafeBufferPointer<UInt8>, _ ra: Range<Int>,
                               _ b: UnsafeBufferPointer<UInt8>, _ rb: Range<Int>) -> Int {
        var i = ra.lowerBound, j = rb.lowerBound
        while i < ra.upperBound || j < rb.upperBound {
            var x: UInt64 = 0, y: UInt64 = 0
            while i < ra.upperBound && a[i] != UInt8(ascii: ".") { x = x * 10 + UInt64(a[i] - 48); i += 1 }
            while j < rb.upperBound && b[j] != UInt8(ascii: ".") { y = y * 10 + UInt64(b[j] - 48); j += 1 }
            if x != y { return x < y ? -1 : 1 }
            i += 1
            j += 1
        }
        return 0
    }
}
