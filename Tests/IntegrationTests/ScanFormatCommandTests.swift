import Foundation
import TestSupport
import Testing

/// `spoolscan scan` with `-f`/`-o` and `--sbom`, run as the real binary on SBOM files made here
/// (no ../shared needed).
@Suite struct ScanFormatCommandTests {
    static let binary = SharedData.packageRoot.path + "/.build/debug/spoolscan"

    static let sbom = """
    {"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
     "metadata": {"component": {"type": "container", "name": "example/app", "version": "2.0"}},
     "components": [
       {"type": "library", "name": "requests", "version": "2.19.1", "purl": "pkg:pypi/requests@2.19.1"},
       {"type": "library", "name": "musl", "version": "1.1.18-r3", "purl": "pkg:apk/alpine/musl@1.1.18-r3?arch=x86_64&distro=alpine-3.7.3"},
       {"type": "library", "name": "homemade"}]}
    """

    func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let (environment, home) = try SharedData.environmentWithoutDatabase()
        defer { try? FileManager.default.removeItem(atPath: home) }
        let result = try CommandRunner.run(Self.binary, arguments, environment: environment)
        return (result.status, result.stdout, result.stderr)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build --build-tests"))
    func formatsAndOutputFiles() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(Self.sbom.utf8).write(to: URL(fileURLWithPath: folder + "/in.cdx.json"))

        let written = try run(["scan", "--sbom", folder + "/in.cdx.json", "-f", "cyclonedx", "-o", folder + "/out.cdx.json"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout.isEmpty)
        let bom = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out.cdx.json"))) as! [String: Any]
        #expect(bom["specVersion"] as? String == "1.6")
        #expect((bom["components"] as! [[String: Any]]).compactMap { $0["purl"] as? String }.count == 2)

        let sarif = try run(["scan", "--sbom", folder + "/in.cdx.json", "--format", "sarif"])
        #expect(sarif.status == 0)
        #expect(sarif.stdout.contains("\"version\" : \"2.1.0\""))

        let json = try run(["scan", "--sbom", folder + "/in.cdx.json"])
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let artifact = report["artifact"] as! [String: Any]
        #expect(artifact["format"] as? String == "cyclonedx-json")
        let codes = (report["warnings"] as! [[String: Any]]).compactMap { $0["code"] as? String }
        #expect(codes.contains("RPT-003"))
        #expect(codes.contains("DB-007"))

        let spdx = try run(["scan", "--sbom", folder + "/in.cdx.json", "-f", "spdx"])
        #expect(spdx.stdout.contains("\"spdxVersion\" : \"SPDX-2.3\""))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build --build-tests"))
    func badSBOMsAndUsage() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("<bom/>".utf8).write(to: URL(fileURLWithPath: folder + "/x.xml"))
        let xml = try run(["scan", "--sbom", folder + "/x.xml"])
        #expect(xml.status == 2)
        #expect(xml.stderr.hasPrefix("RPT-001: "))
        try Data(#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": 3}"#.utf8).write(to: URL(fileURLWithPath: folder + "/bad.json"))
        let bad = try run(["scan", "--sbom", folder + "/bad.json"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("RPT-002: "))
        let neither = try run(["scan"])
        #expect(neither.status != 0)
        #expect(neither.stderr.contains("--sbom"))
        let unknown = try run(["scan", "--sbom", folder + "/bad.json", "-f", "xml"])
        #expect(unknown.status != 0)
    }
}
