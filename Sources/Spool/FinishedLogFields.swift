import Logging
import ScanReport

/// What the `finished` log line says about the report: the verdict and the findings counted
/// (not suppressed) — vulnerabilities by severity, secrets, malware, misconfigurations — and
/// the suppressed ones, all as numbers.
enum FinishedLogFields {
    /// The fields for the final report at `path`; only `verdict: none` when it cannot be read.
    static func metadata(reportAt path: String) -> Logger.Metadata {
        guard let data = FileOps.read(path), let report = try? ReportCodec.decode(Report.self, from: data) else {
            return ["verdict": "none"]
        }
        let counts = FindingCounts(report)
        var bySeverity: Logger.Metadata = [:]
        for severity in Severity.allCases {
            let count = counts.table[FindingCounts.Key(kind: .vulnerability, severity: severity)] ?? 0
            bySeverity[severity.rawValue.lowercased()] = .stringConvertible(count)
        }
        return [
            "verdict": .string(report.verdict?.result.rawValue ?? "none"),
            "vulnerabilities": .dictionary(bySeverity),
            "secrets": .stringConvertible(counts.count(.secret)),
            "malware": .stringConvertible(counts.count(.malware)),
            "misconfigurations": .stringConvertible(counts.count(.misconfiguration)),
            "suppressed": .stringConvertible(counts.suppressed),
        ]
    }
}
