/// The nearest known name to a mistyped one, for "did you mean …?" hints.
public enum NameSuggestion {
    /// The known name closest to `typed` by edit distance (case-insensitive), when it is close
    /// enough to be a likely typo: at most 2 edits, and fewer than half the typed length; or a
    /// name that `typed` is the start of. Ties go to the earlier name in `known`.
    public static func closest(to typed: String, among known: [String]) -> String? {
        let lowered = typed.lowercased()
        guard !lowered.isEmpty else { return nil }
        if let prefixed = known.first(where: { $0.lowercased().hasPrefix(lowered) }), lowered.count >= 2 { return prefixed }
        var best: (name: String, distance: Int)?
        for name in known {
            let distance = editDistance(lowered, name.lowercased())
            if distance < (best?.distance ?? Int.max) { best = (name, distance) }
        }
        guard let best, best.distance <= 2, best.distance * 2 < lowered.count else { return nil }
        return best.name
    }

    /// Damerau–Levenshtein distance (optimal string alignment): insertions, deletions,
    /// substitutions and swaps of two neighbours each cost one.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { table[i][0] = i }
        for j in 0...y.count { table[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[x.count][y.count]
    }
}
