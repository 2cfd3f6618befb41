import ScanReport

/// Everything the detectors found in one image.
public struct DetectorFindings: Sendable, Equatable {
    public var secrets: [SecretFinding]
    public var malware: [MalwareFinding]
    public var misconfigurations: [Misconfiguration]
    /// Notes for the report (files too large for YARA, …). Never hold secret values.
    public var warnings: [String]

    public init(secrets: [SecretFinding] = [], malware: [MalwareFinding] = [],
                misconfigurations: [Misconfiguration] = [], warnings: [String] = []) {
        self.secrets = secrets; self.malware = malware
        self.misconfigurations = misconfigurations; self.warnings = warnings
    }
}
