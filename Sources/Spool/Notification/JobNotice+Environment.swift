import ScanReport

extension JobNotice {
    /// The names of the variables a notification hook receives, in the order README lists them.
    /// Every one is always set (empty when it does not apply), so a value inherited from the
    /// daemon's own environment never leaks into a notice.
    public static let environmentNames = [
        "SPOOLSCAN_STATE", "SPOOLSCAN_NAME", "SPOOLSCAN_ORIGINAL_NAME", "SPOOLSCAN_SPOOL",
        "SPOOLSCAN_ARTIFACT", "SPOOLSCAN_REPORT", "SPOOLSCAN_VERDICT", "SPOOLSCAN_ERROR_CODE",
        "SPOOLSCAN_ERROR_MESSAGE", "SPOOLSCAN_CRITICAL", "SPOOLSCAN_HIGH", "SPOOLSCAN_MEDIUM",
        "SPOOLSCAN_LOW", "SPOOLSCAN_NEGLIGIBLE", "SPOOLSCAN_UNKNOWN", "SPOOLSCAN_VULNERABILITIES",
        "SPOOLSCAN_SECRETS", "SPOOLSCAN_MALWARE", "SPOOLSCAN_MISCONFIGURATIONS", "SPOOLSCAN_SUPPRESSED",
        "SPOOLSCAN_ATTEMPTS", "SPOOLSCAN_SCAN_DURATION_MS", "SPOOLSCAN_DATABASE_BUILT_AT",
        "SPOOLSCAN_FINISHED_AT",
    ]

    /// The notice as environment variables for the hook (names in ``environmentNames``).
    /// Values are data only: they never pass through a shell. NUL bytes, which an environment
    /// cannot hold, are dropped.
    public var environment: [String: String] {
        var values: [String: String] = [
            "SPOOLSCAN_STATE": state.rawValue,
            "SPOOLSCAN_NAME": name,
            "SPOOLSCAN_ORIGINAL_NAME": originalName ?? "",
            "SPOOLSCAN_SPOOL": spool,
            "SPOOLSCAN_ARTIFACT": artifactPath,
            "SPOOLSCAN_REPORT": reportPath,
            "SPOOLSCAN_VERDICT": verdict,
            "SPOOLSCAN_ERROR_CODE": errorCode ?? "",
            "SPOOLSCAN_ERROR_MESSAGE": errorMessage ?? "",
            "SPOOLSCAN_VULNERABILITIES": String(findings.count(.vulnerability)),
            "SPOOLSCAN_SECRETS": String(findings.count(.secret)),
            "SPOOLSCAN_MALWARE": String(findings.count(.malware)),
            "SPOOLSCAN_MISCONFIGURATIONS": String(findings.count(.misconfiguration)),
            "SPOOLSCAN_SUPPRESSED": String(findings.suppressed),
            "SPOOLSCAN_ATTEMPTS": attempts.map(String.init) ?? "",
            "SPOOLSCAN_SCAN_DURATION_MS": scanDurationMs.map(String.init) ?? "",
            "SPOOLSCAN_DATABASE_BUILT_AT": databaseBuiltAt ?? "",
            "SPOOLSCAN_FINISHED_AT": finishedAt,
        ]
        for severity in Severity.allCases {
            values["SPOOLSCAN_\(severity.rawValue)"] = String(findings.count(severity))
        }
        return values.mapValues { $0.replacingOccurrences(of: "\0", with: "") }
    }
}
