import Foundation
import ScanReport
import SpoolscanCore
import Testing
import TestSupport
@testable import Advisories

private let sharedVulndata = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/vulndata").standardized.path

/// Matching keeps its results while it is made faster. `scripts/bench-match-fixture.py` chooses,
/// from the real feeds in `../shared/vulndata`, 348 packages (PyPI, Go incl. `stdlib`, Alpine 3.11
/// apk) at the versions their advisories name, and writes those advisories and an inventory of
/// them into a temporary folder. The findings the matcher makes of them must be exactly the ones
/// spoolscan made when the digest below was recorded: every field, in order.
///
/// Only the digest lives in the repository (the feeds are not ours to copy). When a change to
/// matching is meant to change results, say why in the commit and record the new digest and count
/// that the failing test prints.
@Suite("Integration: matching results kept", .enabled(if: FileManager.default.fileExists(atPath: sharedVulndata + "/PyPI-all.zip")
    && FileManager.default.fileExists(atPath: sharedVulndata + "/Go-all.zip"), "needs ../shared/vulndata/PyPI-all.zip and Go-all.zip"))
struct MatchingFixtureTests {
    static let recordedCount = 1_667
    static let recordedDigest = "f858a8a9041b1f9fee012cb0be9476f85fce9db96ebcc590dbfa18da0bbe4d0b"

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/bench-match-fixture.py").standardized.path

    @Test func findingsEqualTheRecordedOnes() throws {
        let temporary = TemporaryFolder()
        let made = try CommandRunner.run("/usr/bin/env", ["python3", Self.script, sharedVulndata, temporary.path], errors: .separate)
        try #require(made.status == 0, "bench-match-fixture.py failed: \(made.stderr)")
        let dbPath = temporary.path + "/advisories.db"
        _ = try AdvisoryImporter(databasePath: dbPath).importFeeds([temporary.path + "/feeds"])
        let db = try AdvisoryDatabase(path: dbPath)
        let report = try ReportCodec.decode(
            Report.self, from: Data(contentsOf: URL(fileURLWithPath: temporary.path + "/inventory.report.json")))
        var image = try #require(report.artifact.images.first)
        try VulnerabilityMatcher(database: db).match(&image)

        let findings = try JSONSerialization.jsonObject(with: ReportCodec.encode(image.vulnerabilities))
        let summary = try JSONSerialization.jsonObject(with: ReportCodec.encode(image.vulnerabilitySummary))
        let canonical = try JSONSerialization.data(
            withJSONObject: ["vulnerabilities": findings, "vulnerabilitySummary": summary], options: [.sortedKeys])
        #expect(image.vulnerabilities.count == Self.recordedCount)
        #expect(SHA256Hasher.hex(canonical) == Self.recordedDigest,
                "findings changed: \(image.vulnerabilities.count) findings, digest \(SHA256Hasher.hex(canonical))")
    }
}
