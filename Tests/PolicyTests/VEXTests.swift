import Foundation
import Testing
import Policy
import ScanReport
import SpoolscanCore
import TestSupport

/// OpenVEX documents: statuses, product matching, precedence, and bad documents.
@Suite struct VEXTests {
    typealias F = ReportFixture
    static let failOnHigh = "version: 1\nrules:\n  vulnerabilities: [{severity: HIGH}]\n"

    static func document(_ statements: String, id: String = "https://example.com/vex/app-1") -> Data {
        Data("""
        {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "\(id)", "author": "Example Security",
         "timestamp": "2026-11-01T10:00:00Z", "version": 1, "statements": [\(statements)]}
        """.utf8)
    }

    static func vex(_ statements: String) throws -> VEXDocument {
        try VEXLoader.parse(document(statements), path: "app.vex.json")
    }

    @Test func notAffectedSuppressesWithItsJustification() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-2024-1", .critical), F.vulnerability("CVE-2024-2", .critical)])
        let vex = try Self.vex("""
            {"vulnerability": {"name": "CVE-2024-1"}, "products": [{"@id": "pkg:deb/debian/openssl@3.0.11-1~deb12u2"}],
             "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path",
             "impact_statement": "the TLS server code is never used"}
            """)
        let verdict = try F.evaluate(Self.failOnHigh, &report, vex: [vex])
        let findings = report.artifact.images[0].vulnerabilities
        #expect(findings[0].suppression == Suppression(kind: .vex, reason: "the TLS server code is never used", status: "not_affected",
                                                       justification: "vulnerable_code_not_in_execute_path",
                                                       source: "https://example.com/vex/app-1"))
        #expect(findings[1].suppression == nil)
        #expect(verdict.reasons.first?.findingIds.count == 1)   // CVE-2024-2 still fails
    }

    @Test func fixedSuppressesAndAffectedDoesNot() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-A", .high), F.vulnerability("CVE-B", .high)])
        let vex = try Self.vex("""
            {"vulnerability": {"name": "CVE-A"}, "products": [{"@id": "pkg:deb/debian/openssl"}], "status": "fixed"},
            {"vulnerability": {"name": "CVE-B"}, "products": [{"@id": "pkg:deb/debian/openssl"}], "status": "affected",
             "action_statement": "upgrade"}
            """)
        _ = try F.evaluate(Self.failOnHigh, &report, vex: [vex])
        let findings = report.artifact.images[0].vulnerabilities
        #expect(findings[0].suppression?.status == "fixed" && findings[0].suppression?.kind == .vex)
        #expect(findings[1].suppression == nil)
    }

    @Test func purlQualifiersAndVersionsNarrowTheMatch() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-Q", .high)])
        let wrongArch = try Self.vex("""
            {"vulnerability": {"name": "CVE-Q"}, "products": [{"@id": "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=arm64"}],
             "status": "not_affected", "justification": "component_not_present"}
            """)
        _ = try F.evaluate(Self.failOnHigh, &report, vex: [wrongArch])
        #expect(report.artifact.images[0].vulnerabilities[0].suppression == nil)
        let otherVersion = try Self.vex("""
            {"vulnerability": {"name": "CVE-Q"}, "products": [{"@id": "pkg:deb/debian/openssl@3.0.9-1"}], "status": "not_affected",
             "justification": "component_not_present"}
            """)
        _ = try F.evaluate(Self.failOnHigh, &report, vex: [otherVersion])
        #expect(report.artifact.images[0].vulnerabilities[0].suppression == nil)
        let rightArch = try Self.vex("""
            {"vulnerability": {"name": "CVE-Q"}, "products": [{"@id": "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64"}],
             "status": "not_affected", "justification": "component_not_present"}
            """)
        _ = try F.evaluate(Self.failOnHigh, &report, vex: [rightArch])
        #expect(report.artifact.images[0].vulnerabilities[0].suppression?.justification == "component_not_present")
    }

    @Test func imageProductWithSubcomponentsAndAliases() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-2024-9", .high, aliases: ["DSA-5000-1"]),
                                                F.vulnerability("CVE-2024-9", .high, package: "curl")])
        let digest = "sha256%3A" + String(repeating: "c", count: 64)
        let vex = try Self.vex("""
            {"vulnerability": {"name": "DSA-5000-1"},
             "products": [{"@id": "pkg:oci/app@\(digest)?repository_url=registry.example.com/app",
                           "subcomponents": [{"@id": "pkg:deb/debian/openssl"}]}],
             "status": "not_affected", "justification": "inline_mitigations_already_exist"}
            """)
        _ = try F.evaluate(Self.failOnHigh, &report, vex: [vex])
        let findings = report.artifact.images[0].vulnerabilities
        #expect(findings[0].suppression?.kind == .vex)
        #expect(findings[1].suppression == nil)   // curl is not a listed subcomponent
    }

    @Test func theLatestStatementDecides() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-T", .high)])
        let early = try VEXLoader.parse(Self.document("""
            {"vulnerability": {"name": "CVE-T"}, "products": [{"@id": "pkg:deb/debian/openssl"}], "status": "not_affected",
             "justification": "component_not_present", "timestamp": "2026-11-02T00:00:00Z"}
            """), path: "a.json")
        let later = try VEXLoader.parse(Self.document("""
            {"vulnerability": {"name": "CVE-T"}, "products": [{"@id": "pkg:deb/debian/openssl"}], "status": "affected",
             "timestamp": "2026-11-20T00:00:00Z"}
            """), path: "b.json")
        #expect(try F.evaluate(Self.failOnHigh, &report, vex: [later, early]).result == .fail)
        #expect(try F.evaluate(Self.failOnHigh, &report, vex: [early]).result == .pass)
    }

    @Test func readsTheV001Shape() throws {
        let data = Data("""
            {"@context": "https://openvex.dev/ns", "@id": "https://example.com/old", "statements": [
              {"vulnerability": "CVE-OLD", "products": ["pkg:deb/debian/openssl"], "status": "not_affected",
               "justification": "vulnerable_code_not_present"}]}
            """.utf8)
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-OLD", .high)])
        _ = try F.evaluate(Self.failOnHigh, &report, vex: [try VEXLoader.parse(data, path: "old.json")])
        #expect(report.artifact.images[0].vulnerabilities[0].suppression?.reason == "vulnerable_code_not_present")
    }

    @Test(arguments: [
        ("[]", "not a JSON object"),
        (#"{"statements": []}"#, "@context"),
        (#"{"@context": "https://openvex.dev/ns/v0.2.0"}"#, "no statements"),
        (#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {"name": "CVE-1"}, "products": [{"@id": "pkg:deb/debian/a"}], "status": "maybe"}]}"#, "statements[0].status"),
        (#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": {}, "products": [], "status": "fixed"}]}"#, "statements[0].vulnerability"),
        (#"{"@context": "https://openvex.dev/ns/v0.2.0", "statements": [{"vulnerability": "CVE-1", "status": "fixed"}]}"#, "statements[0].products"),
    ])
    func invalidDocumentsArePOL003(json: String, detail: String) {
        let error = #expect(throws: SpoolscanError.self) { try VEXLoader.parse(Data(json.utf8), path: "bad.json") }
        #expect(error?.code == .vexInvalid)
        #expect(error?.detail.contains(detail) == true, "\(String(describing: error))")
    }

    @Test func unreadableDocumentIsPOL004() throws {
        let error = #expect(throws: SpoolscanError.self) { try VEXLoader.load(path: "/nonexistent/app.vex.json") }
        #expect(error?.code == .vexUnreadable)
    }
}
