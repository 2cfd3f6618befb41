import Foundation
import Testing
import Policy
import SpoolscanCore

/// Policy files the fuzzer (`scripts/fuzz policy-yaml`) found crashing the loader: each must
/// now be a `POL-001` error, never a trap.
@Suite struct HostilePolicyTests {
    static func expectInvalid(_ yaml: String, mentioning words: String) {
        let error = #expect(throws: SpoolscanError.self) { try PolicyLoader.parse(yaml, path: "hostile.yaml") }
        #expect(error?.code == .policyInvalid, "\(String(describing: error))")
        #expect(error?.detail.contains(words) == true, "\(String(describing: error))")
    }

    /// Minimised fuzzer input: a YAML 1.1 base-60 integer whose conversion overflowed `Int`.
    @Test func baseSixtyIntegerOverflowIsAnError() {
        Self.expectInvalid("version:   1555555555555555555:4\n", mentioning: "version: '1555555555555555555:4' is not a whole number")
        Self.expectInvalid("version: 1\nrules:\n  vulnerabilities: [{severity: HIGH, olderThanDays: 99999999999999999:0}]\n",
                           mentioning: "olderThanDays")
    }

    /// Ordinary integers still read, and other types still name what was expected.
    @Test func wholeNumbersStillRead() throws {
        let loaded = try PolicyLoader.parse("version: 1\nrules:\n  vulnerabilities: [{severity: HIGH, olderThanDays: 30}]\n", path: nil)
        #expect(loaded.policy.rules.vulnerabilities.first?.olderThanDays == 30)
        Self.expectInvalid("version: [1]\n", mentioning: "version: expected Scalar")
        Self.expectInvalid("rules: {}\n", mentioning: "version: missing")
    }

    /// Flow collections nested thousands deep overflowed the stack while Yams built the nodes.
    @Test(arguments: ["[", "{a: "])
    func deepNestingIsAnError(opener: String) {
        let yaml = "version: 1\nx: " + String(repeating: opener, count: 50_000) + "\n"
        Self.expectInvalid(yaml, mentioning: "nested more than 64 levels")
    }

    /// Block nesting counts as well, and a policy nested as deep as the limit still reads.
    @Test func blockNestingAndTheLimit() throws {
        Self.expectInvalid("version: 1\nx:\n" + (0..<200).map { String(repeating: " ", count: $0 + 1) + "-" }.joined(separator: "\n") + "\n",
                           mentioning: "nested more than 64 levels")
        let deepest = "version: 1\nrules:\n  vulnerabilities: [{severity: HIGH}]\nx: " + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + "\n"
        Self.expectInvalid(deepest, mentioning: "unknown key 'x'")
    }

    /// Aliases cannot build depth past the limit for free: a chain of anchors, each 60 levels
    /// deep around the previous one, reaches thousands of levels once expanded, and the cap on
    /// expanded nodes stops it before anything walks that deep.
    @Test func aliasChainsAreStoppedByTheNodeCap() {
        var yaml = "version: 1\nx0: &a0 1\n"
        for index in 1..<200 {
            yaml += "x\(index): &a\(index) " + String(repeating: "[", count: 60) + "*a\(index - 1)" + String(repeating: "]", count: 60) + "\n"
        }
        Self.expectInvalid(yaml, mentioning: "once aliases are expanded")
    }
}
