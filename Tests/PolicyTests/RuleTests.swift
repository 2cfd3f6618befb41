import Foundation
import Testing
import Policy
import ScanReport

/// One test per rule kind: what counts, what does not, and the finding ids in the reason.
@Suite struct RuleTests {
    typealias F = ReportFixture

    @Test func severityThresholdCountsAtOrAbove() throws {
        var report = F.report(vulnerabilities: [
            F.vulnerability("CVE-1", .critical), F.vulnerability("CVE-2", .high), F.vulnerability("CVE-3", .medium),
        ])
        let verdict = try F.evaluate("version: 1\nrules:\n  vulnerabilities:\n    - severity: high\n", &report)
        #expect(verdict.result == .fail)
        #expect(verdict.reasons.map(\.rule) == ["vulnerabilities[0]"])
        let ids = try #require(verdict.reasons.first).findingIds
        #expect(ids.count == 2 && ids.allSatisfy { $0.hasPrefix("vuln:CVE-1:") || $0.hasPrefix("vuln:CVE-2:") })
        #expect(ids.first == FindingID.of(report.artifact.images[0].vulnerabilities[0]))

        var mediumOnly = F.report(vulnerabilities: [F.vulnerability("CVE-3", .medium)])
        #expect(try F.evaluate("version: 1\nrules:\n  vulnerabilities: {severity: HIGH}\n", &mediumOnly).result == .pass)
    }

    @Test func fixedOnlyCountsFindingsWithAFixedVersion() throws {
        var report = F.report(vulnerabilities: [
            F.vulnerability("CVE-FIX", .critical, fixed: "3.0.13-1~deb12u1"), F.vulnerability("CVE-NOFIX", .critical),
        ])
        let verdict = try F.evaluate("version: 1\nrules:\n  vulnerabilities:\n    - {severity: CRITICAL, fixedOnly: true}\n", &report)
        #expect(verdict.reasons.first?.findingIds.map { $0.components(separatedBy: ":")[1] } == ["CVE-FIX"])
        var unfixed = F.report(vulnerabilities: [F.vulnerability("CVE-NOFIX", .critical)])
        #expect(try F.evaluate("version: 1\nrules:\n  vulnerabilities:\n    - {severity: CRITICAL, fixedOnly: true}\n", &unfixed).result == .pass)
    }

    @Test func ageRuleCountsOldAdvisoriesAndThoseWithoutADate() throws {
        // now is 2026-12-03T12:00Z
        var report = F.report(vulnerabilities: [
            F.vulnerability("CVE-OLD", .high, published: "2026-10-01T00:00:00Z"),
            F.vulnerability("CVE-NEW", .high, published: "2026-11-25T08:30:00.123Z"),
            F.vulnerability("CVE-UNDATED", .high),
        ])
        let verdict = try F.evaluate("version: 1\nrules:\n  vulnerabilities:\n    - {severity: HIGH, olderThanDays: 30}\n", &report)
        let ids = Set(try #require(verdict.reasons.first).findingIds.map { $0.components(separatedBy: ":")[1] })
        #expect(ids == ["CVE-OLD", "CVE-UNDATED"])
        #expect(verdict.reasons.first?.message == "2 vulnerabilities: vulnerabilities at or above HIGH published more than 30 days ago")
    }

    @Test func severalVulnerabilityRulesEachGiveAReason() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-C", .critical), F.vulnerability("CVE-H", .high, fixed: "2")])
        let verdict = try F.evaluate("""
            version: 1
            rules:
              vulnerabilities:
                - severity: CRITICAL
                - severity: HIGH
                  fixedOnly: true
            """, &report)
        #expect(verdict.reasons.map(\.rule) == ["vulnerabilities[0]", "vulnerabilities[1]"])
        #expect(verdict.reasons[1].findingIds.count == 1)   // CVE-C has no fix
    }

    @Test func anyMalwareFailsWhenTheRuleIsOn() throws {
        var report = F.report(malware: [F.eicar])
        let verdict = try F.evaluate("version: 1\nrules:\n  malware: true\n", &report)
        #expect(verdict.result == .fail && verdict.reasons.first?.rule == "malware")
        #expect(verdict.reasons.first?.findingIds == ["malware:spoolscan/EICAR_Test_File:tmp/eicar.com"])
        var off = F.report(malware: [F.eicar])
        #expect(try F.evaluate("version: 1\nrules:\n  malware: false\n", &off).result == .pass)
    }

    @Test func secretsNeedSeverityAndConfidence() throws {
        var report = F.report(secrets: [
            F.secret("aws-access-key", .critical, confidence: .high, path: "a"),
            F.secret("generic-password", .high, confidence: .low, path: "b"),
            F.secret("github-pat", .high, confidence: nil, path: "c"),   // nil counts as high
            F.secret("slack-webhook", .medium, confidence: .high, path: "d"),
            F.secret("jwt", .high, confidence: .medium, path: "e"),
        ])
        let verdict = try F.evaluate("version: 1\nrules:\n  secrets: {severity: HIGH, confidence: medium}\n", &report)
        let rules = try #require(verdict.reasons.first).findingIds.map { $0.components(separatedBy: ":")[1] }
        #expect(rules == ["aws-access-key", "github-pat", "jwt"])
        var lowOnly = F.report(secrets: [F.secret("generic-password", .critical, confidence: .low)])
        #expect(try F.evaluate("version: 1\nrules:\n  secrets: {severity: HIGH, confidence: high}\n", &lowOnly).result == .pass)
    }

    @Test func listedMisconfigurationIdsFail() throws {
        var report = F.report(misconfigurations: [
            Misconfiguration(id: "CIS-DI-0001", title: "root user", severity: .medium, evidence: ["config.User"]),
            Misconfiguration(id: "CIS-DI-0006", title: "no healthcheck", severity: .low, evidence: []),
        ])
        let verdict = try F.evaluate("version: 1\nrules:\n  misconfigurations:\n    ids: [cis-di-0001, CIS-DI-0010]\n", &report)
        #expect(verdict.reasons.first?.findingIds == ["misconfig:CIS-DI-0001"])
        var unlisted = F.report(misconfigurations: [Misconfiguration(id: "CIS-DI-0006", title: "", severity: .low, evidence: [])])
        #expect(try F.evaluate("version: 1\nrules:\n  misconfigurations: {ids: [CIS-DI-0001]}\n", &unlisted).result == .pass)
    }

    @Test func licenceDenyAndAllowLists() throws {
        var report = F.report(packages: [
            F.package("agpl-thing", licenses: ["AGPL-3.0-only"]),
            F.package("dual", licenses: ["MIT OR AGPL-3.0-or-later"]),          // MIT alternative passes
            F.package("both", licenses: ["MIT AND GPL-3.0-only"]),
            F.package("debian-style", licenses: ["GPL-2+", "BSD-3-clause"]),
            F.package("unlabelled", licenses: []),
        ])
        let deny = try F.evaluate("version: 1\nrules:\n  licenses: {deny: ['AGPL-*', GPL-3.0-only]}\n", &report)
        #expect(deny.reasons.map(\.rule) == ["licenses.deny"])
        #expect(deny.reasons[0].findingIds.map { $0.components(separatedBy: "/").last!.components(separatedBy: "@")[0] } == ["agpl-thing", "both"])

        let allow = try F.evaluate("version: 1\nrules:\n  licenses: {allow: [MIT, 'GPL-2*', bsd-3-clause]}\n", &report)
        #expect(allow.reasons.map(\.rule) == ["licenses.allow"])
        // agpl-thing (not allowed), both (GPL-3.0 part not allowed); dual passes by MIT, debian-style is all allowed
        #expect(allow.reasons[0].findingIds.count == 2)
    }

    @Test func emptyPolicyPasses() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-1", .critical)], malware: [F.eicar])
        let verdict = try F.evaluate("version: 1\n", &report)
        #expect(verdict.result == .pass && verdict.reasons.isEmpty && report.verdict == verdict)
    }
}
