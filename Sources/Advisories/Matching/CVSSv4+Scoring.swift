import Foundation

/// CVSS v4.0 scoring (§8.2–8.3): interpolation inside a macro vector.
extension CVSSv4 {
    /// Severity level of each metric value: 0.0 is the most severe, each step less severe adds 0.1.
    static let levels: [String: [String: Double]] = [
        "AV": ["N": 0.0, "A": 0.1, "L": 0.2, "P": 0.3],
        "PR": ["N": 0.0, "L": 0.1, "H": 0.2],
        "UI": ["N": 0.0, "P": 0.1, "A": 0.2],
        "AC": ["L": 0.0, "H": 0.1],
        "AT": ["N": 0.0, "P": 0.1],
        "VC": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VI": ["H": 0.0, "L": 0.1, "N": 0.2],
        "VA": ["H": 0.0, "L": 0.1, "N": 0.2],
        "SC": ["H": 0.1, "L": 0.2, "N": 0.3],
        "SI": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "SA": ["S": 0.0, "H": 0.1, "L": 0.2, "N": 0.3],
        "CR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "IR": ["H": 0.0, "M": 0.1, "L": 0.2],
        "AR": ["H": 0.0, "M": 0.1, "L": 0.2],
    ]

    /// The highest-severity vectors of each EQ level (EQ3 and EQ6 together, keyed by EQ3 then EQ6),
    /// as the specification's reference data lists them.
    static let eq1Maxes: [[String]] = [["AV:N/PR:N/UI:N"], ["AV:A/PR:N/UI:N", "AV:N/PR:L/UI:N", "AV:N/PR:N/UI:P"],
                                      ["AV:P/PR:N/UI:N", "AV:A/PR:L/UI:P"]]
    static let eq2Maxes: [[String]] = [["AC:L/AT:N"], ["AC:H/AT:N", "AC:L/AT:P"]]
    static let eq3eq6Maxes: [[Int: [String]]] = [
        [0: ["VC:H/VI:H/VA:H/CR:H/IR:H/AR:H"], 1: ["VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", "VC:H/VI:H/VA:H/CR:M/IR:M/AR:M"]],
        [0: ["VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", "VC:H/VI:L/VA:H/CR:H/IR:H/AR:H"],
         1: ["VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", "VC:L/VI:H/VA:H/CR:H/IR:M/AR:M", "VC:H/VI:L/VA:H/CR:M/IR:H/AR:M",
             "VC:H/VI:L/VA:L/CR:M/IR:H/AR:H", "VC:L/VI:L/VA:H/CR:H/IR:H/AR:M"]],
        [1: ["VC:L/VI:L/VA:L/CR:H/IR:H/AR:H"]],
    ]
    static let eq4Maxes: [[String]] = [["SC:H/SI:S/SA:S"], ["SC:H/SI:H/SA:H"], ["SC:L/SI:L/SA:L"]]

    /// Depth of each EQ level, in severity steps (the specification's maximal severity distances, plus one).
    static let eq1Depth = [1.0, 4, 5], eq2Depth = [1.0, 2], eq4Depth = [6.0, 5, 4]
    static let eq3eq6Depth: [[Int: Double]] = [[0: 7, 1: 6], [0: 8, 1: 8], [1: 10]]

    /// Scores effective metric values whose macro vector is `macroVector`, rounded to one decimal.
    static func score(_ m: [String: String], macroVector: String) -> Double {
        if ["VC", "VI", "VA", "SC", "SI", "SA"].allSatisfy({ m[$0] == "N" }) { return 0.0 }
        let eq = macroVector.compactMap { $0.wholeNumberValue }
        let lookup = CVSSv4Lookup.scores
        guard eq.count == 6, let value = lookup[macroVector] else { return 0.0 }
        func key(_ d: [Int]) -> String { d.map(String.init).joined() }
        func lower(_ index: Int, _ by: Int = 1) -> [Int] { var d = eq; d[index] += by; return d }

        // (a) Score of the next lower macro vector along each EQ; nil where there is none.
        let lowerEQ1 = lookup[key(lower(0))], lowerEQ2 = lookup[key(lower(1))]
        let lowerEQ4 = lookup[key(lower(3))], lowerEQ5 = lookup[key(lower(4))]
        let lowerEQ3EQ6: Double?
        switch (eq[2], eq[5]) {
        case (0, 0):
            // Two ways down (00 → 01 or 10): the higher-scoring one.
            let left = lookup[key(lower(5))], right = lookup[key(lower(2))]
            if let l = left, let r = right { lowerEQ3EQ6 = l > r ? l : r } else { lowerEQ3EQ6 = right ?? left }
        case (1, 0):
            lowerEQ3EQ6 = lookup[key(lower(5))]
        case (2, 1):
            lowerEQ3EQ6 = nil
        default:
            lowerEQ3EQ6 = lookup[key(lower(2))]
        }

        // (b) Severity distance from the first highest-severity vector that is at least as severe.
        var distance: [String: Double] = [:]
        let eq3eq6 = eq3eq6Maxes[eq[2]][eq[5]] ?? []
        search: for a in eq1Maxes[eq[0]] {
            for b in eq2Maxes[eq[1]] {
                for c in eq3eq6 {
                    for d in eq4Maxes[eq[3]] {
                        let maxMetrics = Self.pairs("\(a)/\(b)/\(c)/\(d)")
                        var candidate: [String: Double] = [:]
                        for (metric, scale) in levels {
                            guard let mine = m[metric].flatMap({ scale[$0] }),
                                  let top = maxMetrics[metric].flatMap({ scale[$0] }) else { continue }
                            candidate[metric] = mine - top
                        }
                        distance = candidate
                        if candidate.values.allSatisfy({ $0 >= 0 }) { break search }
                    }
                }
            }
        }
        func sum(_ metrics: [String]) -> Double { metrics.reduce(0.0) { $0 + (distance[$1] ?? 0) } }
        let current1 = sum(["AV", "PR", "UI"]), current2 = sum(["AC", "AT"])
        let current3 = sum(["VC", "VI", "VA", "CR", "IR", "AR"]), current4 = sum(["SC", "SI", "SA"])

        // (c, d) Proportion of each EQ's depth, times the score drop to the next lower macro vector;
        // EQ5 always contributes 0. Then the mean over the EQs that have a lower macro vector.
        let step = 0.1
        var total = 0.0
        var existing = 0
        let parts: [(Double?, Double, Double)] = [
            (lowerEQ1, current1, eq1Depth[eq[0]] * step),
            (lowerEQ2, current2, eq2Depth[eq[1]] * step),
            (lowerEQ3EQ6, current3, (eq3eq6Depth[eq[2]][eq[5]] ?? 1) * step),
            (lowerEQ4, current4, eq4Depth[eq[3]] * step),
            (lowerEQ5, 0, 1),
        ]
        for (lowerScore, current, depth) in parts {
            guard let lowerScore else { continue }
            existing += 1
            total += (value - lowerScore) * (current / depth)
        }
        let mean = existing == 0 ? 0 : total / Double(existing)
        let score = min(max(value - mean, 0), 10)
        // Round half up; the small epsilon keeps values such as 1.4499999999999993 (an exact 1.45
        // after floating-point subtraction) on the side the specification intends.
        return ((score + 1e-6) * 10).rounded(.toNearestOrAwayFromZero) / 10
    }

    /// `"AV:N/PR:N"` → `["AV": "N", "PR": "N"]`.
    static func pairs(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for part in text.split(separator: "/") {
            let kv = part.split(separator: ":", maxSplits: 1)
            if kv.count == 2 { result[String(kv[0])] = String(kv[1]) }
        }
        return result
    }
}
