import Foundation
import ScanReport

/// CVSS v3.0/v3.1 base score, computed from a vector as the CVSS 3.1 specification (§7.1, Appendix A) defines.
public struct CVSSv3: Sendable, Equatable {
    /// The vector as given (`CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`).
    public let vector: String
    /// The base score, 0.0–10.0.
    public let baseScore: Double

    /// Parses a v3.x vector; nil when a base metric is missing or unknown.
    public init?(vector: String) {
        var metrics: [String: String] = [:]
        let parts = vector.split(separator: "/")
        guard let prefix = parts.first, prefix == "CVSS:3.1" || prefix == "CVSS:3.0" else { return nil }
        for part in parts.dropFirst() {
            let kv = part.split(separator: ":", maxSplits: 1)
            guard kv.count == 2 else { return nil }
            metrics[String(kv[0])] = String(kv[1])
        }
        let changed: Bool
        switch metrics["S"] { case "U": changed = false; case "C": changed = true; default: return nil }
        guard let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][metrics["AV"] ?? ""],
              let ac = ["L": 0.77, "H": 0.44][metrics["AC"] ?? ""],
              let pr = (changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[metrics["PR"] ?? ""],
              let ui = ["N": 0.85, "R": 0.62][metrics["UI"] ?? ""],
              let c = ["H": 0.56, "L": 0.22, "N": 0.0][metrics["C"] ?? ""],
              let i = ["H": 0.56, "L": 0.22, "N": 0.0][metrics["I"] ?? ""],
              let a = ["H": 0.56, "L": 0.22, "N": 0.0][metrics["A"] ?? ""] else { return nil }
        let iss = 1 - (1 - c) * (1 - i) * (1 - a)
        let impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
        let exploitability = 8.22 * av * ac * pr * ui
        let score: Double
        if impact <= 0 {
            score = 0
        } else if changed {
            score = Self.roundUp(min(1.08 * (impact + exploitability), 10))
        } else {
            score = Self.roundUp(min(impact + exploitability, 10))
        }
        self.vector = vector
        self.baseScore = score
    }

    /// CVSS 3.1 Roundup: the smallest number with one decimal place not below `value`,
    /// computed on integers to avoid floating-point surprises.
    static func roundUp(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        if scaled % 10_000 == 0 { return Double(scaled) / 100_000 }
        return Double(scaled / 10_000 + 1) / 10
    }

    /// The qualitative rating (§5): None 0.0 (reported as negligible), Low 0.1–3.9, Medium 4.0–6.9,
    /// High 7.0–8.9, Critical 9.0–10.0.
    public static func severity(score: Double) -> Severity {
        switch score {
        case 9.0...: return .critical
        case 7.0..<9.0: return .high
        case 4.0..<7.0: return .medium
        case 0.1..<4.0: return .low
        default: return .negligible
        }
    }
}
