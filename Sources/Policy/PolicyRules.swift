/// The fail rules of a policy. A report fails when any rule matches a finding that is not
/// suppressed (by an ignore or a VEX statement); a rule left out never fails a report.
public struct PolicyRules: Decodable, Sendable, Equatable {
    /// Each entry is a separate rule; a vulnerability fails the report when it meets any of them.
    public var vulnerabilities: [VulnerabilityRule]
    /// Fail on any malware finding.
    public var malware: Bool
    /// Fail on secrets at or above a severity and a confidence.
    public var secrets: SecretThreshold?
    /// Fail on the listed misconfiguration check ids.
    public var misconfigurations: MisconfigurationRule?
    /// Allow/deny lists of package licences.
    public var licenses: LicenseRule?

    public init(vulnerabilities: [VulnerabilityRule] = [], malware: Bool = false, secrets: SecretThreshold? = nil,
                misconfigurations: MisconfigurationRule? = nil, licenses: LicenseRule? = nil) {
        self.vulnerabilities = vulnerabilities; self.malware = malware; self.secrets = secrets
        self.misconfigurations = misconfigurations; self.licenses = licenses
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case vulnerabilities, malware, secrets, misconfigurations, licenses
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // One mapping is accepted as a list of one rule.
        if (try? container.nestedUnkeyedContainer(forKey: .vulnerabilities)) != nil {
            vulnerabilities = try container.decode([VulnerabilityRule].self, forKey: .vulnerabilities)
        } else if let single = try container.decodeIfPresent(VulnerabilityRule.self, forKey: .vulnerabilities) {
            vulnerabilities = [single]
        } else {
            vulnerabilities = []
        }
        malware = try container.decodeIfPresent(Bool.self, forKey: .malware) ?? false
        secrets = try container.decodeIfPresent(SecretThreshold.self, forKey: .secrets)
        misconfigurations = try container.decodeIfPresent(MisconfigurationRule.self, forKey: .misconfigurations)
        licenses = try container.decodeIfPresent(LicenseRule.self, forKey: .licenses)
    }
}
