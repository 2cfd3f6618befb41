import ScanReport

/// Everything the detectors found in one image.
public struct DetectorFindings: Sendable, Equatable {
    /// Secrets in layer files and the image config, redacted.
    public var secrets: [SecretFinding]
    /// YARA and deny-list matches.
    public var malware: [MalwareFinding]
    /// Failed configuration checks, in ``MisconfigCheck/all`` order.
    public var misconfigurations: [Misconfiguration]
    /// Notes for the report (files too large for YARA, …). Never hold secret values.
    public var warnings: [String]

    /// Findings as given.
    public init(secrets: [SecretFinding] = [], malware: [MalwareFinding] = [],
                misconfigurations: [Misconfiguration] = [], warnings: [String] = []) {
        self.secrets = secrets; self.malware = malware
        self.misconfigurations = misconfigurations; self.warnings = warnings
    }
}
