/// A fallback order for strings no ecosystem grammar accepts: digit runs compare numerically,
/// other runs byte-wise, a digit run beats a letter run. Deterministic, never fails.
public struct GenericVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "generic" }

    public func compare(_ a: String, _ b: String) -> Int {
        let x = Self.runs(a), y = Self.runs(b)
        for (p, q) in zip(x, y) {
            let pd = p.first?.isASCIIDigit ?? false, qd = q.first?.isASCIIDigit ?? false
            if pd != qd { return pd ? 1 : -1 }
            let c = pd ? compareDigitRuns(Substring(decoding: p, as: UTF8.self), Substring(decoding: q, as: UTF8.self))
                       : (p.lexicographicallyPrecedes(q) ? -1 : (p == q ? 0 : 1))
            if c != 0 { return c }
        }
        return threeWay(x.count, y.count)
    }

    /// Splits into alternating digit / letter runs, dropping punctuation.
    static func runs(_ s: String) -> [[UInt8]] {
        var out: [[UInt8]] = [], current: [UInt8] = []
        for c in s.lowercased().utf8 {
            if !c.isASCIIAlphanumeric {
                if !current.isEmpty { out.append(current); current = [] }
                continue
            }
            if let last = current.last, last.isASCIIDigit != c.isASCIIDigit { out.append(current); current = [] }
            current.append(c)
        }
        if !current.isEmpty { out.append(current) }
        return out
    }
}
