import Foundation
import ScanReport
import Testing
import TestSupport

/// The `report show` and `report diff` commands as a user runs them: exit statuses, plain
/// output when piped, JSON for tools.
private let spoolscanBinary = SharedData.packageRoot.appendingPathComponent(".build/debug/spoolscan").path

@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: spoolscanBinary),
                "needs .build/debug/spoolscan: run `swift build --build-tests` first"))
struct ReportCommandTests {
    static let binary = spoolscanBinary

    /// Runs the binary; returns its exit status and standard output.
    /// Runs the binary where it finds no advisory database (the rendering tests expect none).
    static func run(_ arguments: [String]) throws -> (Int32, String) {
        let (environment, home) = try SharedData.environmentWithoutDatabase()
        defer { try? FileManager.default.removeItem(atPath: home) }
        return try SharedData.runReturningStatus(binary, arguments, environment: environment)
    }

    static func report(vulnerabilities: [(String, Severity)]) -> Report {
        let layer = LayerRef(index: 0, diffID: "sha256:" + String(repeating: "b", count: 64))
        var image = ImageReport(repoTags: ["t:1"], imageID: "sha256:" + String(repeating: "a", count: 64), os: nil,
                                architecture: "amd64", layers: [], config: ImageConfigSummary())
        image.vulnerabilities = vulnerabilities.map {
            Vulnerability(id: $0.0, aliases: [], packageName: "requests", packageType: .pypi, purl: "pkg:pypi/requests@2.19.1",
                          installedVersion: "2.19.1", fixedVersion: "2.20.0", status: "fixed", severity: $0.1, cvss: nil,
                          title: nil, source: "osv:PyPI", layer: layer, references: [])
        }
        return Report(createdAt: "2026-11-26T12:00:00Z",
                      artifact: Artifact(path: "t.tar", sha256: String(repeating: "0", count: 64), size: 1,
                                         format: "docker-archive", images: [image]))
    }

    @Test func diffExitStatusSaysWhetherAnythingNewAppeared() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let old = folder + "/old.json", new = folder + "/new.json", same = folder + "/same.json"
        try ReportCodec.writeAtomically(ReportCodec.encode(Self.report(vulnerabilities: [("CVE-1", .high)])), to: old)
        try ReportCodec.writeAtomically(ReportCodec.encode(Self.report(vulnerabilities: [("CVE-1", .critical), ("CVE-2", .low)])), to: new)
        try ReportCodec.writeAtomically(ReportCodec.encode(Self.report(vulnerabilities: [("CVE-1", .high)])), to: same)

        let (status, text) = try Self.run(["report", "diff", old, new])
        #expect(status == 1)
        #expect(text.contains("1 new, 0 fixed, 1 changed, 0 unchanged") && !text.contains("\u{1B}["))
        #expect(try Self.run(["report", "diff", old, same]).0 == 0)
        #expect(try Self.run(["report", "diff", new, old]).0 == 0, "only fixed findings: nothing new")
        let (jsonStatus, json) = try Self.run(["report", "diff", "--json", old, new])
        let diff = try ReportCodec.decode(ReportDiff.self, from: Data(json.utf8))
        #expect(jsonStatus == 1 && diff.added.map(\.id) == ["CVE-2"] && diff.changed.map(\.finding.id) == ["CVE-1"])

        try Data("{\"schemaVersion\": 2".utf8).write(to: URL(fileURLWithPath: folder + "/broken.json"))
        #expect(try Self.run(["report", "diff", old, folder + "/broken.json"]).0 == 3)
        #expect(try Self.run(["report", "diff", old, folder + "/missing.json"]).0 == 3)
    }

    @Test func scanTableIsTheSameRendering() throws {
        try TemporaryDirectory.with { dir in
            let image = dir.path("debian.tar")
            try ImageBuilder(layers: [.init(files: [
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
                .file("var/lib/dpkg/status", "Package: libc6\nStatus: install ok installed\nVersion: 2.36-9\n\n"),
            ])]).write(to: image, format: .dockerLegacy)
            let (status, table) = try Self.run(["scan", image, "--format", "table"])
            #expect(status == 0)
            let (_, json) = try Self.run(["scan", image])
            let report = try ReportCodec.decode(Report.self, from: Data(json.utf8))
            // Exactly the text `report show` prints for the JSON report of the same scan.
            #expect(table == ReportRenderer().render(report))
            #expect(table.contains("not checked: no advisory database") && !table.contains("Packages ("))
        }
    }

    @Test func showIsPlainWhenPipedAndFilters() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/r.json"
        try ReportCodec.writeAtomically(ReportCodec.encode(Self.report(vulnerabilities: [("CVE-1", .high), ("CVE-2", .low)])), to: path)
        let (status, text) = try Self.run(["report", "show", path, "--severity", "high"])
        #expect(status == 0)
        #expect(text.contains("CVE-1") && !text.contains("CVE-2") && !text.contains("\u{1B}["))
        #expect(text.contains("not checked: no advisory database"))
        #expect(try Self.run(["report", "show", folder + "/missing.json"]).0 == 3)
        #expect(try Self.run(["report", "show", path, "--type", "bogus"]).0 == 3)
        #expect(try Self.run(["report", "show", path, "--severity", "severe"]).0 == 3)
    }
}
