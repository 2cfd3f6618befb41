import Foundation
import ScanReport

/// How spoolscan's severities read in the standard formats.
enum SeverityMapping {
    /// CycloneDX rating severity (`critical`…`low`, `info` for NEGLIGIBLE, `unknown`).
    static func cycloneDX(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "critical"
        case .high: return "high"
        case .medium: return "medium"
        case .low: return "low"
        case .negligible: return "info"
        case .unknown: return "unknown"
        }
    }

    /// SARIF `level`: CRITICAL/HIGH are errors, MEDIUM warnings, the rest notes.
    static func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .negligible, .unknown: return "note"
        }
    }

    /// GitHub's `security-severity` (a number 0.0–10.0 as a string): the CVSS score when there is
    /// one, else the middle of the band GitHub reads the severity from (critical ≥ 9.0, high ≥ 7.0,
    /// medium ≥ 4.0, low ≥ 0.1).
    static func securitySeverity(_ severity: Severity, score: Double? = nil) -> String {
        if let score, score >= 0, score <= 10 { return String(format: "%.1f", score) }
        switch severity {
        case .critical: return "9.5"
        case .high: return "8.0"
        case .medium: return "5.5"
        case .low: return "2.0"
        case .negligible, .unknown: return "0.0"
        }
    }

    /// CycloneDX rating method for a CVSS vector.
    static func cvssMethod(_ vector: String) -> String {
        if vector.hasPrefix("CVSS:4.") { return "CVSSv4" }
        if vector.hasPrefix("CVSS:3.1") { return "CVSSv31" }
        if vector.hasPrefix("CVSS:3.") { return "CVSSv3" }
        if vector.contains("Au:") { return "CVSSv2" }
        return "other"
    }
}
