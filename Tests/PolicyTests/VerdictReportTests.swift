import Foundation
import Testing
import Policy
import ScanReport
import TestSupport

/// The verdict and suppressions as they appear in the encoded report, checked against the schema.
@Suite struct VerdictReportTests {
    typealias F = ReportFixture

    @Test func verdictAndSuppressionsValidateAgainstTheSchema() throws {
        var report = F.report(
            vulnerabilities: [F.vulnerability("CVE-1", .critical, fixed: "3.0.13", published: "2026-01-05T00:00:00Z"),
                              F.vulnerability("CVE-2", .critical, fixed: "3.0.13")],
            secrets: [F.secret("private-key", .critical, confidence: nil)],
            malware: [F.eicar],
            misconfigurations: [Misconfiguration(id: "CIS-DI-0001", title: "root", severity: .medium, evidence: [])])
        let vex = try VEXLoader.parse(VEXTests.document("""
            {"vulnerability": {"name": "CVE-2"}, "products": [{"@id": "pkg:deb/debian/openssl"}], "status": "not_affected",
             "justification": "vulnerable_code_cannot_be_controlled_by_adversary"}
            """), path: "vex.json")
        let policy = try F.policy("version: 1\nrules:\n  malware: true\n  vulnerabilities: [{severity: HIGH}]\nignores:\n  - {id: CIS-DI-0001, reason: drops privileges, expires: 2027-01-01}\n")
        PolicyEvaluator(policy: policy, vex: [vex], now: F.now).apply(to: &report)

        let data = try ReportCodec.encode(report)
        let json = try JSONSerialization.jsonObject(with: data)
        let errors = try JSONSchemaValidator.reportSchema().validate(json)
        #expect(errors.isEmpty, "\(errors)")
        let decoded = try ReportCodec.decode(Report.self, from: data)
        let verdict = try #require(decoded.verdict)
        #expect(verdict.result == .fail && verdict.policy.path == "policy.yaml" && verdict.decidedAt == "2026-12-03T12:00:00Z")
        #expect(verdict.reasons.map(\.rule) == ["vulnerabilities[0]", "malware"])
        #expect(verdict.reasons[0].findingIds == [FindingID.of(report.artifact.images[0].vulnerabilities[0])])
        #expect(decoded.artifact.images[0].vulnerabilities[1].suppression?.kind == .vex)
        #expect(decoded.artifact.images[0].misconfigurations[0].suppression?.expires == "2027-01-01")
    }

    @Test func builtInVerdictHasNoPath() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-1", .critical)])   // no fix: the built-in policy passes it
        let verdict = PolicyEvaluator(now: F.now).apply(to: &report)
        #expect(verdict.result == .pass && verdict.policy == LoadedPolicy.builtIn.reference && verdict.policy.path == nil)
        let errors = try JSONSchemaValidator.reportSchema().validate(JSONSerialization.jsonObject(with: ReportCodec.encode(report)))
        #expect(errors.isEmpty, "\(errors)")
    }
}
