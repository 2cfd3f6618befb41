import Foundation
import Testing
@testable import Spool

/// `--formats`: the report's standard formats beside it, moved with the artifact.
@Suite(.serialized) struct FormatSidecarTests {
    @Test func formatsAreWrittenBesideTheReportInDoneAndQuarantine() async throws {
        let harness = try SpoolHarness()
        let scanner = try QuarantineTests.scanner(harness)
        try harness.drop("evil.tar", "bad image")
        try harness.drop("good.tar", "good image")
        let (status, out) = try await harness.run(
            ["sweep", "--spool", harness.spool, "--quarantine", "--formats", "cyclonedx,spdx,sarif"] + scanner, log: "sweep")
        #expect(status == 0, "\(harness.read("\(harness.logs)/sweep.stderr"))")
        #expect(out.contains("done=1 error=0 skipped=0 quarantine=1"), "\(out)")
        for (folder, name) in [("done", "good.tar"), ("quarantine", "evil.tar")] {
            let base = "\(harness.spool)/\(folder)/\(name)"
            #expect(try harness.json(base + ".cdx.json")["bomFormat"] as? String == "CycloneDX")
            #expect(try harness.json(base + ".spdx.json")["spdxVersion"] as? String == "SPDX-2.3")
            #expect(try harness.json(base + ".sarif")["version"] as? String == "2.1.0")
            #expect(try harness.json(base + ".report.json")["job"] != nil)
        }
        // The quarantined image's malware hit is in its SARIF too: the formats come from the final report.
        #expect(harness.read("\(harness.spool)/quarantine/evil.tar.sarif").contains("EICAR"))
        let (_, json) = try await harness.run(["status", "--spool", harness.spool, "--json"], log: "status")
        let counts = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["counts"] as? [String: Int]
        #expect(counts?["done"] == 1)
        #expect(counts?["quarantine"] == 1)

        let (refused, _) = try await harness.run(["sweep", "--spool", harness.spool, "--formats", "cyclonedx,xml"] + scanner,
                                                 log: "refused")
        #expect(refused != 0)
        #expect(harness.read("\(harness.logs)/refused.stderr").contains("--formats"))
    }

    /// A crash after the formats were linked into `done/` but before the report: recovery takes the
    /// name back with the formats, and the next scan writes them afresh.
    @Test func recoveryUndoesFormatsLinkedWithoutAReport() async throws {
        let harness = try SpoolHarness()
        let scanner = try QuarantineTests.scanner(harness)
        for folder in ["parsing", "done"] {
            try FileManager.default.createDirectory(atPath: "\(harness.spool)/\(folder)", withIntermediateDirectories: true)
        }
        try "good image".write(toFile: "\(harness.spool)/parsing/good.tar", atomically: false, encoding: .utf8)
        #expect(link("\(harness.spool)/parsing/good.tar", "\(harness.spool)/done/good.tar") == 0)
        try "stale".write(toFile: "\(harness.spool)/done/good.tar.cdx.json", atomically: false, encoding: .utf8)
        let (status, out) = try await harness.run(
            ["sweep", "--spool", harness.spool, "--formats", "cyclonedx", "--retry-backoff-seconds", "0"] + scanner, log: "sweep")
        #expect(status == 0, "\(harness.read("\(harness.logs)/sweep.stderr"))")
        #expect(out.contains("done=1 error=0 skipped=0"), "\(out)")
        #expect(harness.artifacts("done") == ["good.tar", "good.tar.cdx.json"])
        #expect(try harness.json("\(harness.spool)/done/good.tar.cdx.json")["bomFormat"] as? String == "CycloneDX")
        #expect(FileManager.default.fileExists(atPath: "\(harness.spool)/done/good.tar.report.json"))
    }
}
