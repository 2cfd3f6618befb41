import Advisories
import Foundation
import ImageScanner
import ReportFormats
import ScanReport
import SpoolscanCore
import Testing
import TestSupport

/// `scan(sbomPath:)`: an SBOM's packages are matched like an image's (no ../shared needed: the
/// advisory database is built here from OSV records).
@Suite struct SBOMScanTests {
    static func osv(id: String, ecosystem: String, name: String, fixed: String) -> String {
        """
        {"id": "\(id)", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-\(id.dropFirst(6))"],
         "summary": "demo issue in \(name)",
         "affected": [{"package": {"ecosystem": "\(ecosystem)", "name": "\(name)"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "\(fixed)"}]}]}]}
        """
    }

    static func database(in folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder + "/feed", withIntermediateDirectories: true)
        try Data(osv(id: "PYSEC-2018-1", ecosystem: "PyPI", name: "requests", fixed: "2.20.0").utf8)
            .write(to: URL(fileURLWithPath: folder + "/feed/a.json"))
        try Data(osv(id: "DEBIAN-2024-1", ecosystem: "Debian:12", name: "glibc", fixed: "2.36-9+deb12u8").utf8)
            .write(to: URL(fileURLWithPath: folder + "/feed/b.json"))
        _ = try AdvisoryImporter(databasePath: folder + "/db").importFeeds([folder + "/feed"])
        return folder + "/db"
    }

    @Test(arguments: [ReportFormat.cyclonedx, .spdx])
    func anSBOMIsMatchedLikeTheImageItDescribes(format: ReportFormat) throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let database = try Self.database(in: folder.path)
        let layer = LayerRef(index: 0, diffID: "sha256:" + String(repeating: "1", count: 64))
        let image = ImageReport(
            repoTags: ["demo:1"], imageID: "sha256:" + String(repeating: "a", count: 64),
            os: OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)"), architecture: "amd64",
            layers: [], config: ImageConfigSummary(), packages: [
                Package(name: "libc6", version: "2.36-9+deb12u7", type: .deb,
                        purl: "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12",
                        sourceName: "glibc", sourceVersion: "2.36-9+deb12u7", arch: "amd64", paths: ["var/lib/dpkg/status"], layer: layer),
                Package(name: "requests", version: "2.19.1", type: .pypi, purl: "pkg:pypi/requests@2.19.1", paths: [], layer: layer),
                Package(name: "requests", version: "2.31.0", type: .pypi, purl: "pkg:pypi/requests@2.31.0", paths: [], layer: layer),
            ])
        let inventory = Report(createdAt: "2026-12-03T10:00:00Z",
                               artifact: Artifact(path: "demo.tar", sha256: String(repeating: "f", count: 64), size: 1,
                                                  format: "docker-archive", images: [image]))
        let sbom = folder.path + "/demo" + format.fileSuffix
        try format.render(inventory).write(to: URL(fileURLWithPath: sbom))

        let report = try ImageScanner(options: ScanOptions(databasePath: database)).scan(sbomPath: sbom)
        #expect(report.artifact.format == (format == .cyclonedx ? "cyclonedx-json" : "spdx-json"))
        #expect(report.database != nil)
        let found = Set(report.artifact.images[0].vulnerabilities.map { "\($0.packageName) \($0.installedVersion) \($0.fixedVersion ?? "")" })
        #expect(found == ["libc6 2.36-9+deb12u7 2.36-9+deb12u8", "requests 2.19.1 2.20.0"])
        let encoded = try JSONSerialization.jsonObject(with: ReportCodec.encode(report))
        #expect(try JSONSchemaValidator.reportSchema().validate(encoded).isEmpty)

        let unmatched = try ImageScanner(options: ScanOptions()).scan(sbomPath: sbom)
        #expect(unmatched.warnings.contains(.noDatabase))
    }

    @Test func aMissingOrBadSBOMIsAnError() throws {
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        #expect(throws: SpoolscanError.self) { try ImageScanner().scan(sbomPath: folder.path + "/absent.json") }
        try Data("{}".utf8).write(to: URL(fileURLWithPath: folder.path + "/empty.json"))
        do {
            _ = try ImageScanner().scan(sbomPath: folder.path + "/empty.json")
            Issue.record("an empty object is not an SBOM")
        } catch {
            #expect(error.code == .sbomUnrecognised)
        }
    }
}
