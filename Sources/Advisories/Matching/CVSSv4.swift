import ScanReport

/// CVSS v4.0 score, computed from a vector as the FIRST CVSS v4.0 specification (§8) defines:
/// the vector's macro vector (equivalence sets EQ1–EQ6) gives a score from the published lookup
/// table, lowered by the vector's severity distance from the highest-severity vectors of that
/// macro vector. Threat (`E`) and environmental (`CR`/`IR`/`AR`, `M*`) metrics are applied when
/// present; supplemental metrics are validated and ignored, as they do not change the score.
public struct CVSSv4: Sendable, Equatable {
    /// The vector as given (`CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`).
    public let vector: String
    /// The score, 0.0–10.0 (CVSS-B for a base-only vector, CVSS-BT/BE/BTE otherwise).
    public let baseScore: Double
    /// The macro vector the score was looked up from (`"000200"`).
    public let macroVector: String

    /// The eleven base metrics every vector must carry.
    static let mandatory = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]

    /// Every metric the specification defines, with its allowed values.
    static let allowed: [String: Set<String>] = [
        // Base
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"],
        "UI": ["N", "P", "A"], "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
        "SC": ["H", "L", "N"], "SI": ["H", "L", "N"], "SA": ["H", "L", "N"],
        // Threat
        "E": ["X", "A", "P", "U"],
        // Environmental
        "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"], "AR": ["X", "H", "M", "L"],
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"],
        "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "P", "A"],
        "MVC": ["X", "H", "L", "N"], "MVI": ["X", "H", "L", "N"], "MVA": ["X", "H", "L", "N"],
        "MSC": ["X", "H", "L", "N"], "MSI": ["X", "S", "H", "L", "N"], "MSA": ["X", "S", "H", "L", "N"],
        // Supplemental (no effect on the score)
        "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"], "V": ["X", "D", "C"],
        "RE": ["X", "L", "M", "H"], "U": ["X", "Clear", "Green", "Amber", "Red"],
    ]

    /// Parses a v4.0 vector and scores it; nil when the prefix is not `CVSS:4.0`, a mandatory base
    /// metric is missing, or a metric is unknown, repeated, empty or has a value it does not allow.
    public init?(vector: String) {
        let parts = vector.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count > 1, parts[0] == "CVSS:4.0" else { return nil }
        var metrics: [String: String] = [:]
        for part in parts.dropFirst() {
            let kv = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2 else { return nil }
            let key = String(kv[0]), value = String(kv[1])
            guard let values = Self.allowed[key], values.contains(value), metrics[key] == nil else { return nil }
            metrics[key] = value
        }
        guard Self.mandatory.allSatisfy({ metrics[$0] != nil }) else { return nil }
        let effective = Self.effectiveValues(metrics)
        let macro = Self.macroVector(effective)
        self.vector = vector
        self.macroVector = macro
        self.baseScore = Self.score(effective, macroVector: macro)
    }

    /// The value each scoring metric takes once threat and environmental metrics are applied:
    /// a modified metric (`MAV`…`MSA`) other than `X` replaces its base metric; `E` absent or `X`
    /// counts as `A` (attacked), and `CR`/`IR`/`AR` absent or `X` count as `H`.
    static func effectiveValues(_ metrics: [String: String]) -> [String: String] {
        var effective: [String: String] = [:]
        for metric in mandatory {
            if let modified = metrics["M" + metric], modified != "X" {
                effective[metric] = modified
            } else {
                effective[metric] = metrics[metric]
            }
        }
        let e = metrics["E"] ?? "X"
        effective["E"] = e == "X" ? "A" : e
        for requirement in ["CR", "IR", "AR"] {
            let value = metrics[requirement] ?? "X"
            effective[requirement] = value == "X" ? "H" : value
        }
        return effective
    }

    /// The six-digit macro vector (§8.1): EQ1 (AV/PR/UI), EQ2 (AC/AT), EQ3 (VC/VI/VA),
    /// EQ4 (SC/SI/SA, with MSI/MSA:S), EQ5 (E), EQ6 (CR/IR/AR against VC/VI/VA).
    static func macroVector(_ m: [String: String]) -> String {
        let av = m["AV"], pr = m["PR"], ui = m["UI"]
        let eq1: Int
        if av == "N" && pr == "N" && ui == "N" {
            eq1 = 0
        } else if (av == "N" || pr == "N" || ui == "N") && av != "P" {
            eq1 = 1
        } else {
            eq1 = 2
        }
        let eq2 = m["AC"] == "L" && m["AT"] == "N" ? 0 : 1
        let vc = m["VC"], vi = m["VI"], va = m["VA"]
        let eq3: Int
        if vc == "H" && vi == "H" {
            eq3 = 0
        } else if vc == "H" || vi == "H" || va == "H" {
            eq3 = 1
        } else {
            eq3 = 2
        }
        let eq4: Int
        if m["SI"] == "S" || m["SA"] == "S" {
            eq4 = 0
        } else if m["SC"] == "H" || m["SI"] == "H" || m["SA"] == "H" {
            eq4 = 1
        } else {
            eq4 = 2
        }
        let eq5 = ["A": 0, "P": 1, "U": 2][m["E"] ?? "A"] ?? 0
        let eq6 = (m["CR"] == "H" && vc == "H") || (m["IR"] == "H" && vi == "H") || (m["AR"] == "H" && va == "H") ? 0 : 1
        return [eq1, eq2, eq3, eq4, eq5, eq6].map(String.init).joined()
    }

    /// The qualitative rating, with the same bands as v3.x: None 0.0 (reported as negligible),
    /// Low 0.1–3.9, Medium 4.0–6.9, High 7.0–8.9, Critical 9.0–10.0.
    public static func severity(score: Double) -> Severity {
        CVSSv3.severity(score: score)
    }
}
