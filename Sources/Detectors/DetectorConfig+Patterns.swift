import SpoolscanCore

extension DetectorConfig {
    /// Compiles the patterns this config adds, the way a scan does: the extra secret rules
    /// (PCRE2 regex, keywords, duplicate ids; ``SecretRuleSet``), the allow-path regexes
    /// (``SecretPathFilter``) and the disabled rule ids — without the built-in rules and without
    /// the process-wide rule cache, so a config can be checked cheaply (and fuzzed).
    /// Throws `CONF-002` for a rule that does not compile, `CONF-001` for a bad allow path or
    /// an unknown disabled rule.
    public func compileUserPatterns() throws(SpoolscanError) {
        guard let section = secrets else { return }
        var seen = Set<String>()
        if let duplicate = try DetectorSuite.secretRules(section).first(where: { !seen.insert($0.id).inserted }) {
            throw SpoolscanError(.rulesInvalid, "secret rule \(duplicate.id): duplicate id")
        }
        if let rules = section.rules, !rules.isEmpty { _ = try SecretRuleSet(rules) }
        if let allow = section.allowPaths, !allow.isEmpty { _ = try SecretPathFilter(useDefaults: false, allowPaths: allow) }
    }
}
