import SpoolscanCore

/// A compiled set of secret rules: one keyword automaton over all rules' keywords and one
/// JIT-compiled regex per rule. Immutable and shared by every scan in the process.
final class SecretRuleSet: Sendable {
    let rules: [SecretRule]
    let regexes: [CompiledRegex]
    /// The `secret` group's number per rule (nil: the whole match is the secret).
    let secretGroups: [UInt32?]
    let automaton: KeywordAutomaton
    /// Rules (indices) to try for each keyword of the automaton.
    let keywordRules: [[Int32]]
    /// Fallback rules (`generic-*`): dropped on a line where a specific rule also matched.
    let isFallback: [Bool]

    /// Longest keyword accepted (the stream keeps at least this many bytes of carry-over).
    static let maxKeywordLength = 64

    private static let cache = ProcessCache<[SecretRule], SecretRuleSet>()

    /// The compiled set for `rules`, compiled at most once per process.
    static func shared(_ rules: [SecretRule]) throws(SpoolscanError) -> SecretRuleSet {
        try cache.value(for: rules) { () throws(SpoolscanError) in try SecretRuleSet(rules) }
    }

    init(_ rules: [SecretRule]) throws(SpoolscanError) {
        var seen = Set<String>()
        var regexes: [CompiledRegex] = []
        var groups: [UInt32?] = []
        var keywordIndex: [String: Int] = [:]
        var keywords: [String] = []
        var keywordRules: [[Int32]] = []
        for (index, rule) in rules.enumerated() {
            guard seen.insert(rule.id).inserted else {
                throw SpoolscanError(.rulesInvalid, "secret rule \(rule.id): duplicate id")
            }
            guard !rule.keywords.isEmpty else {
                throw SpoolscanError(.rulesInvalid, "secret rule \(rule.id): no keywords")
            }
            let regex: CompiledRegex
            do { regex = try CompiledRegex(rule.regex) } catch {
                throw SpoolscanError(.rulesInvalid, "secret rule \(rule.id): \(error.detail)")
            }
            regexes.append(regex)
            groups.append(regex.groupNumber(named: "secret"))
            for keyword in rule.keywords {
                let folded = keyword.lowercased()
                guard !folded.isEmpty, folded.utf8.count <= Self.maxKeywordLength else {
                    throw SpoolscanError(.rulesInvalid,
                                         "secret rule \(rule.id): keywords must be 1–\(Self.maxKeywordLength) bytes")
                }
                if let existing = keywordIndex[folded] {
                    keywordRules[existing].append(Int32(index))
                } else {
                    keywordIndex[folded] = keywords.count
                    keywords.append(folded)
                    keywordRules.append([Int32(index)])
                }
            }
        }
        self.rules = rules
        self.regexes = regexes
        self.secretGroups = groups
        self.keywordRules = keywordRules
        self.isFallback = rules.map { $0.id.hasPrefix("generic-") }
        self.automaton = KeywordAutomaton(keywords: keywords)
    }

    /// Fresh match state for one scanning thread.
    func makeMatchers() -> [RegexMatcher] { regexes.map(RegexMatcher.init) }
}
