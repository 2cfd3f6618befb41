import Foundation
import SpoolscanCore
import Testing
@testable import ScanReport
import TestSupport

/// The report model and `schemas/report.schema.json` must agree: every encoded report validates.
@Suite struct ReportSchemaTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func validator() throws -> JSONSchemaValidator {
        try JSONSchemaValidator(schemaData: Data(contentsOf: packageRoot.appendingPathComponent("schemas/report.schema.json")))
    }

    static func sampleReport() -> Report {
        let layer = LayerRef(index: 1, diffID: "sha256:" + String(repeating: "b", count: 64))
        var image = ImageReport(
            repoTags: ["example/app:1.0"], imageID: "sha256:" + String(repeating: "a", count: 64),
            manifestDigest: "sha256:" + String(repeating: "c", count: 64),
            os: OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)", codename: "bookworm"),
            architecture: "amd64",
            layers: [LayerInfo(index: 0, diffID: "sha256:" + String(repeating: "d", count: 64), digest: "sha256:" + String(repeating: "e", count: 64),
                               size: 1024, compression: "gzip", createdBy: "ADD rootfs.tar /")],
            config: ImageConfigSummary(user: "app", envNames: ["PATH"], exposedPorts: ["8080/tcp"], cmd: ["/app"], labels: ["a": "b"]),
            packages: [Package(name: "libc6", version: "2.36-9+deb12u7", type: .deb,
                               purl: "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12",
                               sourceName: "glibc", sourceVersion: "2.36-9+deb12u7", arch: "amd64",
                               paths: ["var/lib/dpkg/status"], licenses: ["LGPL-2.1"], layer: layer)])
        image.vulnerabilities = [Vulnerability(
            id: "CVE-2024-0001", aliases: ["DSA-1"], packageName: "libc6", packageType: .deb, purl: "pkg:deb/debian/libc6@2.36",
            installedVersion: "2.36-9", fixedVersion: "2.36-10", status: "fixed", severity: .high,
            cvss: CVSS(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8), title: "t",
            source: "debian-tracker", layer: layer, references: ["https://example.org"])]
        var summary = SeveritySummary(); summary.add(.high)
        image.vulnerabilitySummary = summary
        image.secrets = [SecretFinding(ruleID: "aws-access-key-id", category: "AWS", severity: .critical, title: "AWS key",
                                       path: "app/.env", line: 3, match: "AKIA****", layer: layer, deletedInLaterLayer: true)]
        image.malware = [MalwareFinding(rule: "EICAR", namespace: "builtin", path: "tmp/eicar.com", layer: layer,
                                        sha256: String(repeating: "f", count: 64), tags: ["test"], deletedInLaterLayer: false)]
        image.misconfigurations = [Misconfiguration(id: "CIS-DI-0001", title: "root", severity: .medium, evidence: ["USER unset"])]
        let artifact = Artifact(path: "spool/done/app.tar", sha256: String(repeating: "0", count: 64), size: 2048,
                                format: "docker-archive+gzip", images: [image])
        var report = Report(createdAt: "2026-11-26T12:00:00Z", artifact: artifact,
                      database: DatabaseInfo(path: "/var/lib/spoolscan/advisories.db", builtAt: "2026-11-26T00:00:00Z", schemaVersion: 1,
                                             sources: [DatabaseSource(name: "osv:PyPI", importedAt: "2026-11-26T00:00:00Z", records: 7080)],
                                             matchedAt: "2026-11-26T12:00:00Z"),
                      warnings: [ReportWarning(.dbStale, "built 2026-11-17T00:00:00Z, 9 days ago (maximum 7)")])
        report.job = JobInfo(name: "app.tar.1", originalName: "app.tar", receivedAt: "2026-11-26T11:59:00Z", attempts: 2,
                             scanStartedAt: "2026-11-26T11:59:30Z", scanDurationMs: 420)
        return report
    }

    @Test func fullReportValidatesAgainstSchema() throws {
        let data = try ReportCodec.encode(Self.sampleReport())
        let errors = try Self.validator().validate(JSONSerialization.jsonObject(with: data))
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test func schemaRejectsWhatTheModelMustNotProduce() throws {
        let data = try ReportCodec.encode(Self.sampleReport())
        var object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        var artifact = object["artifact"] as! [String: Any]
        var image = (artifact["images"] as! [[String: Any]])[0]
        var secret = (image["secrets"] as! [[String: Any]])[0]
        secret["match"] = "AKIAIOSFODNN7EXAMPLE"  // an unredacted value must fail validation
        image["secrets"] = [secret]
        image.removeValue(forKey: "packages")
        artifact["images"] = [image]
        object["artifact"] = artifact
        let errors = try Self.validator().validate(object)
        #expect(errors.contains { $0.contains("match") })
        #expect(errors.contains { $0.contains("missing required packages") })
    }

    @Test func roundTripsThroughJSON() throws {
        let report = Self.sampleReport()
        let decoded = try ReportCodec.decode(Report.self, from: ReportCodec.encode(report))
        #expect(decoded == report)
        let text = String(decoding: try ReportCodec.encode(report), as: UTF8.self)
        #expect(text.contains("\"schemaVersion\" : \"2.0\""))
        #expect(text.contains("\"imageID\""))
    }

    @Test func readsTheStringWarningsOfVersionOneReports() throws {
        let json = #"["DB-004: built 2026-01-01T00:00:00Z, 9 days ago", "usr/lib/x/METADATA: not UTF-8", "no advisory database given: vulnerabilities were not matched"]"#
        let warnings = try JSONDecoder().decode([ReportWarning].self, from: Data(json.utf8))
        #expect(warnings.map(\.code) == ["DB-004", "INV-001", "DB-007"])
        #expect(warnings[0].message == "built 2026-01-01T00:00:00Z, 9 days ago")
        var list = warnings
        list.add(warnings[1])
        #expect(list.count == 3, "a warning already present is not added twice")
        // The 1.0 wording of "no database" is today's warning: setting it again does not say it twice.
        #expect(warnings[2] == .noDatabase)
        list.set(.noDatabase)
        #expect(list.filter { $0.code == "DB-007" } == [.noDatabase] && list.count == 3)
    }

    @Test func tableShowsEachSection() {
        let text = ReportRenderer().render(Self.sampleReport())
        #expect(text.contains("example/app:1.0"))
        #expect(text.contains("Debian GNU/Linux 12 (bookworm)"))
        #expect(text.contains("libc6"))
        #expect(text.contains("CVE-2024-0001"))
        #expect(text.contains("AKIA****"))
        #expect(text.contains("deleted in a later layer"))
        #expect(!text.contains("AKIAIOSFODNN7EXAMPLE"))
        #expect(TextTable.formatBytes(1536) == "1.5 KiB")
    }
}
