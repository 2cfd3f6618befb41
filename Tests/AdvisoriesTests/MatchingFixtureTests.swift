import Foundation
import ScanReport
import Testing
@testable import Advisories

/// Matching keeps its results while it is made faster: 348 packages (PyPI, Go incl. `stdlib`, Alpine
/// 3.11 apk) at the versions their advisories name, against real PyPI and Go OSV records and Alpine
/// secdb entries, must give exactly the findings spoolscan made of them when the fixture was written
/// (`scripts/bench-match-fixture.sh`: `db import` and `rematch`), field for field and in order.
@Suite struct MatchingFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/matching")

    @Test func findingsEqualTheRecordedOnes() throws {
        let temporary = TemporaryFolder()
        let dbPath = temporary.path + "/advisories.db"
        _ = try AdvisoryImporter(databasePath: dbPath).importFeeds([Self.folder.appendingPathComponent("feeds").path])
        let db = try AdvisoryDatabase(path: dbPath)
        var report = try ReportCodec.decode(
            Report.self, from: Data(contentsOf: Self.folder.appendingPathComponent("inventory.report.json")))
        var image = try #require(report.artifact.images.first)
        try VulnerabilityMatcher(database: db).match(&image)
        report.artifact.images[0] = image

        let expected = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent("expected-vulnerabilities.json"))) as? [String: Any])
        let expectedFindings = try #require(expected["vulnerabilities"] as? [Any])
        let actualFindings = try #require(try JSONSerialization.jsonObject(with: ReportCodec.encode(image.vulnerabilities)) as? [Any])
        #expect(actualFindings.count == expectedFindings.count)
        #expect(actualFindings.count > 1_000)
        // The first differing finding, shown in full, says what changed.
        let firstDifference = try zip(actualFindings, expectedFindings).enumerated().first { _, pair in
            try Self.canonical(pair.0) != Self.canonical(pair.1)
        }
        #expect(firstDifference == nil, "finding \(firstDifference?.offset ?? -1): got \(String(describing: firstDifference?.element.0)), recorded \(String(describing: firstDifference?.element.1))")
        let summary = try JSONSerialization.jsonObject(with: ReportCodec.encode(image.vulnerabilitySummary))
        #expect(try Self.canonical(summary) == Self.canonical(try #require(expected["vulnerabilitySummary"])))
    }

    /// JSON text with sorted keys: equal for equal values.
    static func canonical(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }
}
