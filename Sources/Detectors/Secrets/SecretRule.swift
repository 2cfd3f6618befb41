import ScanReport

/// One secret detection rule: keywords for the prefilter, a PCRE2 regex run only near keyword
/// hits, and optional value filters.
public struct SecretRule: Codable, Sendable, Hashable {
    /// Stable identifier, e.g. `aws-access-key-id`.
    public var id: String
    /// Provider or kind, e.g. `AWS`, `GitHub`, `Generic`.
    public var category: String
    /// Severity given to every finding of the rule.
    public var severity: Severity
    /// Human-readable name, e.g. `AWS Access Key ID`.
    public var title: String
    /// Literals (matched case-insensitively) of which one must occur for the regex to run.
    public var keywords: [String]
    /// PCRE2 pattern. A named group `secret` marks the value (the whole match otherwise).
    public var regex: String
    /// The match may span lines (private keys): the regex then sees up to 16 KiB after the hit.
    public var multiline: Bool
    /// Minimum Shannon entropy (bits per byte) of the secret value; nil to skip the check.
    public var minEntropy: Double?
    /// Reject values that are well-known placeholders (`changeme`, `password`, `xxxx`, `${VAR}`).
    public var rejectPlaceholders: Bool
    /// How sure a finding of this rule is: `high` for a checksum, a unique prefix or a
    /// validated structure, `medium` for a provider keyword with a value shape, `low` for
    /// generic assignments. Path rules may lower it per finding.
    public var confidence: Confidence

    /// A rule; see the field docs. Regexes are compiled when a ``DetectorSuite`` loads them.
    public init(id: String, category: String, severity: Severity, title: String, keywords: [String],
                regex: String, multiline: Bool = false, minEntropy: Double? = nil, rejectPlaceholders: Bool = false,
                confidence: Confidence = .medium) {
        self.id = id; self.category = category; self.severity = severity; self.title = title
        self.keywords = keywords; self.regex = regex; self.multiline = multiline
        self.minEntropy = minEntropy; self.rejectPlaceholders = rejectPlaceholders
        self.confidence = confidence
    }

    enum CodingKeys: String, CodingKey {
        case id, category, severity, title, keywords, regex, multiline, minEntropy, rejectPlaceholders, confidence
    }

    /// Decodes a rule from the config file; `category`, `severity`, `title`, `multiline`,
    /// `rejectPlaceholders` and `confidence` (default `medium`) are optional there.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        category = try c.decodeIfPresent(String.self, forKey: .category) ?? "Custom"
        severity = try c.decodeIfPresent(Severity.self, forKey: .severity) ?? .high
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? id
        keywords = try c.decode([String].self, forKey: .keywords)
        regex = try c.decode(String.self, forKey: .regex)
        multiline = try c.decodeIfPresent(Bool.self, forKey: .multiline) ?? false
        minEntropy = try c.decodeIfPresent(Double.self, forKey: .minEntropy)
        rejectPlaceholders = try c.decodeIfPresent(Bool.self, forKey: .rejectPlaceholders) ?? false
        confidence = try c.decodeIfPresent(Confidence.self, forKey: .confidence) ?? .medium
    }
}

extension SecretRule {
    /// Builds a rule whose value must follow a key name (`NAME... = "VALUE"`, `NAME: VALUE`).
    /// `name` is a regex fragment for the key; `value` one for the secret.
    static func keyed(_ id: String, _ category: String, _ severity: Severity, _ title: String,
                      keywords: [String], name: String, value: String) -> SecretRule {
        let pattern = #"(?i)(?:"# + name + #")[a-z0-9_ .,-]{0,25}["']?\s*(?::=|=>|=|:)\s*["'`]?(?<secret>"#
            + value + #")(?![A-Za-z0-9_-])"#
        return SecretRule(id: id, category: category, severity: severity, title: title,
                          keywords: keywords, regex: pattern, confidence: .medium)
    }

    /// Builds a rule for a self-identifying token (`ghp_…`): `token` bounded by non-token bytes.
    /// A unique prefix makes such findings `high` confidence unless `confidence` says otherwise.
    static func token(_ id: String, _ category: String, _ severity: Severity, _ title: String,
                      keywords: [String], _ token: String, confidence: Confidence = .high) -> SecretRule {
        SecretRule(id: id, category: category, severity: severity, title: title, keywords: keywords,
                   regex: #"(?<![A-Za-z0-9_-])(?<secret>"# + token + #")(?![A-Za-z0-9_-])"#, confidence: confidence)
    }
}
