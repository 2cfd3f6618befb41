import Testing
@testable import Detectors

@Suite("Built-in secret rules")
struct SecretRuleTests {
    @Test("every built-in rule has samples, and ids are unique")
    func everyRuleHasSamples() {
        let ids = BuiltinSecretRules.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids) == Set(SecretRuleSamples.all.keys))
        #expect(ids.count >= 80)
    }

    @Test("every keyword is lowercase-insensitive literal text present in its positive sample")
    func keywordsAppearInSamples() throws {
        for rule in BuiltinSecretRules.all {
            let sample = try #require(SecretRuleSamples.all[rule.id]).positive.lowercased()
            #expect(rule.keywords.contains { sample.contains($0.lowercased()) }, "\(rule.id)")
        }
    }

    @Test("positive sample is found", arguments: BuiltinSecretRules.all.map(\.id))
    func positive(id: String) throws {
        let sample = try #require(SecretRuleSamples.all[id])
        let detector = try SecretTestKit.detector()
        #expect(SecretTestKit.ruleIDs(in: sample.positive, detector: detector).contains(id))
        // Also inside a longer file, between ordinary lines.
        let file = "# settings\nname = demo\n" + sample.positive + "\nlast = line\n"
        let hits = SecretTestKit.streamHits(Array(file.utf8), chunkSize: 5, detector: detector)
        #expect(hits.contains { $0.id == id && $0.line == 3 })
    }

    @Test("negative sample is not reported", arguments: BuiltinSecretRules.all.map(\.id))
    func negative(id: String) throws {
        let sample = try #require(SecretRuleSamples.all[id])
        let detector = try SecretTestKit.detector()
        #expect(!SecretTestKit.ruleIDs(in: sample.negative, detector: detector).contains(id))
    }
}
