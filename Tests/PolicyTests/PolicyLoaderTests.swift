import Foundation
import Testing
import Policy
import ScanReport
import SpoolscanCore
import TestSupport

/// Policy files: what parses, and the coded errors for what does not.
@Suite struct PolicyLoaderTests {
    @Test func fullPolicyParses() throws {
        let loaded = try PolicyLoader.parse("""
            version: 1
            rules:
              vulnerabilities:
                - severity: critical
                - {severity: HIGH, fixedOnly: true, olderThanDays: 30}
              malware: true
              secrets: {severity: HIGH, confidence: Medium}
              misconfigurations:
                ids: [CIS-DI-0001]
              licenses:
                deny: [AGPL-*]
            ignores:
              - id: CVE-2023-4911
                package: glibc
                path: usr/lib
                reason: not reachable
                expires: 2026-06-30
            """, path: "p.yaml")
        let policy = loaded.policy
        #expect(policy.rules.vulnerabilities == [VulnerabilityRule(severity: .critical),
                                                 VulnerabilityRule(severity: .high, fixedOnly: true, olderThanDays: 30)])
        #expect(policy.rules.malware && policy.rules.secrets == SecretThreshold(severity: .high, confidence: .medium))
        #expect(policy.ignores == [PolicyIgnore(id: "CVE-2023-4911", package: "glibc", path: "usr/lib", reason: "not reachable", expires: "2026-06-30")])
        #expect(loaded.reference.path == "p.yaml" && loaded.reference.sha256.count == 64)
    }

    @Test(arguments: [
        ("rules: {}", "version: missing"),
        ("version: 2", "unsupported policy version 2"),
        ("version: 1\nrule: {}", "unknown key 'rule'"),
        ("version: 1\nrules:\n  vulnerabilities:\n    - {severity: HIGH, fixonly: true}", "rules.vulnerabilities[0].fixonly: unknown key 'fixonly'"),
        ("version: 1\nrules:\n  vulnerabilities:\n    - severity: urgent", "'urgent' is not a severity"),
        ("version: 1\nrules:\n  vulnerabilities:\n    - fixedOnly: true", "rules.vulnerabilities[0].severity: missing"),
        ("version: 1\nrules:\n  secrets: {severity: HIGH, confidence: sure}", "not a confidence"),
        ("version: 1\nrules:\n  malware: maybe", "rules.malware"),
        ("version: 1\nignores:\n  - id: CVE-1", "ignores[0].reason: missing"),
        ("version: 1\nignores:\n  - {id: CVE-1, reason: '  '}", "needs a reason"),
        ("version: 1\nignores:\n  - {id: CVE-1, reason: r, expires: next week}", "not a date"),
        ("version: 1\nignores:\n  - {id: CVE-1, reason: r, package: 'pkg:'}", "not a valid purl"),
        ("- a\n- b", "not a YAML mapping"),
        ("version: [1", "not valid YAML"),
        ("", "not a YAML mapping"),
    ])
    func invalidPoliciesArePOL001(yaml: String, detail: String) {
        let error = #expect(throws: SpoolscanError.self) { try PolicyLoader.parse(yaml, path: "bad.yaml") }
        #expect(error?.code == .policyInvalid)
        #expect(error?.detail.contains(detail) == true, "\(String(describing: error))")
        #expect(error?.detail.hasPrefix("bad.yaml: ") == true)
    }

    @Test func aliasBombIsRejected() {
        var yaml = "version: 1\nx0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
        for level in 1...8 { yaml += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let error = #expect(throws: SpoolscanError.self) { try PolicyLoader.parse(yaml, path: "bomb.yaml") }
        #expect(error?.code == .policyInvalid && error?.detail.contains("aliases") == true, "\(String(describing: error))")
    }

    @Test func unreadableFileIsPOL002AndTheDigestIsOfTheBytes() throws {
        let missing = #expect(throws: SpoolscanError.self) { try PolicyLoader.load(path: "/nonexistent/policy.yaml") }
        #expect(missing?.code == .policyUnreadable)
        try TemporaryDirectory.with { dir in
            let text = "version: 1\nrules:\n  malware: true\n"
            try text.write(toFile: dir.path("p.yaml"), atomically: true, encoding: .utf8)
            let loaded = try PolicyLoader.load(path: dir.path("p.yaml"))
            #expect(loaded.reference == Verdict.PolicyRef(path: dir.path("p.yaml"), sha256: SHA256Hasher.hex(Array(text.utf8))))
            let folder = #expect(throws: SpoolscanError.self) { try PolicyLoader.load(path: dir.path("")) }
            #expect(folder?.code == .policyUnreadable)
        }
    }

    @Test func builtInPolicyIsDocumented() throws {
        let builtIn = LoadedPolicy.builtIn
        #expect(builtIn.reference.path == nil)
        #expect(builtIn.policy.rules.vulnerabilities == [VulnerabilityRule(severity: .critical, fixedOnly: true)])
        #expect(builtIn.policy.rules.malware)
        #expect(builtIn.policy.rules.secrets == SecretThreshold(severity: .critical, confidence: .high))
        let docs = try String(contentsOfFile: Self.root + "/docs/policy.md", encoding: .utf8)
        #expect(docs.contains(DefaultPolicy.yaml.trimmingCharacters(in: .whitespacesAndNewlines)), "docs/policy.md must quote the built-in policy")
    }

    /// Every ```yaml block in docs/policy.md is a valid policy.
    @Test func documentedExamplesParse() throws {
        let docs = try String(contentsOfFile: Self.root + "/docs/policy.md", encoding: .utf8)
        let blocks = docs.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        #expect(blocks.count >= 3)
        for block in blocks {
            #expect(throws: Never.self, "\(block)") { try PolicyLoader.parse(block, path: "docs/policy.md") }
        }
    }

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
}
