import Foundation
import Testing
import Policy
import ScanReport

/// Ignore entries: matched by id or alias, narrowed by package and path, with and without expiry.
@Suite struct IgnoreTests {
    typealias F = ReportFixture
    static let failOnHigh = "version: 1\nrules:\n  vulnerabilities: [{severity: HIGH}]\n  malware: true\n  secrets: {severity: LOW}\n  misconfigurations: {ids: ['*']}\n"

    @Test func ignoreWithoutExpirySuppressesAndKeepsTheFinding() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-2024-1", .critical, aliases: ["GHSA-xxxx-yyyy-zzzz"])])
        let verdict = try F.evaluate(Self.failOnHigh + """
            ignores:
              - id: ghsa-xxxx-yyyy-zzzz
                reason: only reachable through a disabled plugin
            """, &report)
        #expect(verdict.result == .pass)
        let finding = try #require(report.artifact.images[0].vulnerabilities.first)   // still in the report
        #expect(finding.suppression == Suppression(kind: .ignore, reason: "only reachable through a disabled plugin",
                                                    source: "policy.yaml", expires: nil))
        #expect(!report.warnings.contains { $0.code == "POL-005" })
    }

    @Test func ignoreBeforeItsExpiryApplies() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-2024-1", .critical)])
        // now is 2026-12-03T12:00Z: an ignore expiring that very day still applies
        let verdict = try F.evaluate(Self.failOnHigh + "ignores:\n  - {id: CVE-2024-1, reason: waiting for 3.0.14, expires: 2026-12-03}\n", &report)
        #expect(verdict.result == .pass)
        #expect(report.artifact.images[0].vulnerabilities[0].suppression?.expires == "2026-12-03")
    }

    @Test func expiredIgnoreStopsApplyingAndTheReportSaysSo() throws {
        var report = F.report(vulnerabilities: [F.vulnerability("CVE-2024-1", .critical)])
        let verdict = try F.evaluate(Self.failOnHigh + "ignores:\n  - {id: CVE-2024-1, reason: waiting for 3.0.14, expires: 2026-12-02}\n", &report)
        #expect(verdict.result == .fail)
        #expect(report.artifact.images[0].vulnerabilities[0].suppression == nil)
        let warning = try #require(report.warnings.first { $0.code == "POL-005" })
        #expect(warning.message.contains("CVE-2024-1") && warning.message.contains("2026-12-02") && warning.message.contains("1 finding"))
        // Applying again (a rematch) says it once.
        _ = try F.evaluate(Self.failOnHigh + "ignores:\n  - {id: CVE-2024-1, reason: r, expires: 2026-12-02}\n", &report)
        #expect(report.warnings.filter { $0.code == "POL-005" }.count == 1)
    }

    @Test func packageAndPathNarrowAnIgnore() throws {
        let inOpenSSL = F.vulnerability("CVE-7", .high, package: "openssl")
        let inCurl = F.vulnerability("CVE-7", .high, package: "curl")
        let pythonPurl = "pkg:pypi/requests@2.19.1"
        var python = F.vulnerability("CVE-7", .high, package: "requests", purl: pythonPurl)
        python.packageType = .pypi
        let packages = [F.package("requests", licenses: [], purl: pythonPurl, paths: ["usr/lib/python3/dist-packages/requests-2.19.1.dist-info"])]
        var report = F.report(vulnerabilities: [inOpenSSL, inCurl, python], packages: packages)
        _ = try F.evaluate(Self.failOnHigh + """
            ignores:
              - {id: CVE-7, package: openssl, reason: by name}
              - {id: CVE-7, package: "pkg:deb/debian/curl", reason: by purl without version or qualifiers}
              - {id: CVE-7, path: /opt/venv, reason: wrong path}
            """, &report)
        let findings = report.artifact.images[0].vulnerabilities
        #expect(findings[0].suppression?.reason == "by name")
        #expect(findings[1].suppression?.reason == "by purl without version or qualifiers")
        #expect(findings[2].suppression == nil)
        _ = try F.evaluate(Self.failOnHigh + "ignores:\n  - {id: CVE-7, path: 'usr/lib/python3/*', reason: vendored}\n", &report)
        #expect(report.artifact.images[0].vulnerabilities.map { $0.suppression?.reason } == [nil, nil, "vendored"])
    }

    @Test func secretsMalwareAndChecksCanBeIgnored() throws {
        var report = F.report(secrets: [F.secret("generic-password", .high, confidence: .low, path: "srv/tests/fixtures/.env")],
                              malware: [F.eicar],
                              misconfigurations: [Misconfiguration(id: "CIS-DI-0001", title: "root", severity: .medium, evidence: ["config.User"])])
        let verdict = try F.evaluate(Self.failOnHigh + """
            ignores:
              - {id: generic-password, path: srv/tests, reason: test fixture}
              - {id: spoolscan/EICAR_Test_File, reason: AV self-test file}
              - {id: CIS-DI-0001, reason: the entrypoint drops privileges}
            """, &report)
        #expect(verdict.result == .pass)
        let image = report.artifact.images[0]
        #expect(image.secrets[0].suppression?.reason == "test fixture")
        #expect(image.malware[0].suppression?.reason == "AV self-test file")
        #expect(image.misconfigurations[0].suppression?.kind == .ignore)
    }
}
