import Foundation
import SQLiteDB
import Testing
@testable import Advisories

/// OSV `published` reaches `Vulnerability.published` (a policy's `olderThanDays` measures from
/// it), and databases written before the column existed still open and import.
@Suite struct PublishedDateTests {
    static let range = Fixture.range([("introduced", "0"), ("fixed", "2.0")])

    @Test func publishedDateIsTheEarliestOfTheMergedRecords() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database([
            "a.json": Fixture.osv(id: "PYSEC-2024-1", name: "demo", ranges: Self.range, aliases: ["CVE-2024-1"],
                                  extra: #""published": "2024-03-10T12:00:00Z","#),
            "b.json": Fixture.osv(id: "GHSA-aaaa-bbbb-cccc", name: "demo", ranges: Self.range, aliases: ["CVE-2024-1"],
                                  extra: #""published": "2024-02-01T08:00:00Z","#),
            "c.json": Fixture.osv(id: "PYSEC-2024-2", name: "undated", ranges: Self.range),
        ], in: folder)
        let demo = try Fixture.match(db, Fixture.package("demo", "1.0", .pypi))
        #expect(demo.map(\.id) == ["CVE-2024-1"] && demo.first?.published == "2024-02-01T08:00:00Z")
        #expect(try Fixture.match(db, Fixture.package("undated", "1.0", .pypi)).first?.published == nil)
    }

    @Test func databaseWithoutThePublishedColumnStillWorks() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/advisories.db"
        let feed = folder.write("feeds/a.json", Fixture.osv(id: "PYSEC-1", name: "demo", ranges: Self.range,
                                                           extra: #""published": "2024-02-01T08:00:00Z","#))
        _ = try AdvisoryImporter(databasePath: path).importFeeds([feed])
        // The file as earlier builds wrote it.
        try SQLiteDatabase(path: path, mode: .create).execute("ALTER TABLE advisories DROP COLUMN published")
        let old = try AdvisoryDatabase(path: path)
        #expect(try Fixture.match(old, Fixture.package("demo", "1.0", .pypi)).map { $0.published } == [nil])
        // Importing into it adds the column back.
        _ = try AdvisoryImporter(databasePath: path).importFeeds([feed])
        let upgraded = try AdvisoryDatabase(path: path)
        #expect(try Fixture.match(upgraded, Fixture.package("demo", "1.0", .pypi)).first?.published == "2024-02-01T08:00:00Z")
    }
}
