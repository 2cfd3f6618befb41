/// A policy file: the rules that make a report fail, and the findings it ignores
/// (schema and examples in `docs/policy.md`).
///
/// ```yaml
/// version: 1
/// rules:
///   vulnerabilities:
///     - severity: CRITICAL
///     - severity: HIGH
///       fixedOnly: true
///       olderThanDays: 30
///   malware: true
///   secrets: {severity: HIGH, confidence: medium}
///   misconfigurations: {ids: [CIS-DI-0001]}
///   licenses: {deny: [AGPL-*]}
/// ignores:
///   - id: CVE-2023-4911
///     package: glibc
///     reason: not reachable from our entrypoint
///     expires: 2026-06-30
/// ```
public struct Policy: Decodable, Sendable, Equatable {
    /// The schema version of the policy file; only `1` exists.
    public var version: Int
    public var rules: PolicyRules
    public var ignores: [PolicyIgnore]

    public init(version: Int = 1, rules: PolicyRules = PolicyRules(), ignores: [PolicyIgnore] = []) {
        self.version = version; self.rules = rules; self.ignores = ignores
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case version, rules, ignores }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let version = try container.decodeIntegerIfPresent(forKey: .version) else {
            throw DecodingError.keyNotFound(CodingKeys.version, .init(codingPath: container.codingPath, debugDescription: "no version"))
        }
        self.version = version
        guard version == 1 else {
            throw DecodingError.dataCorruptedError(forKey: .version, in: container,
                                                   debugDescription: "unsupported policy version \(version) (this spoolscan reads version 1)")
        }
        rules = try container.decodeIfPresent(PolicyRules.self, forKey: .rules) ?? PolicyRules()
        ignores = try container.decodeIfPresent([PolicyIgnore].self, forKey: .ignores) ?? []
    }
}
