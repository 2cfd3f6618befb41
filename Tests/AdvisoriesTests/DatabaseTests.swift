import Foundation
import ScanReport
import SpoolscanCore
import Testing
@testable import Advisories

@Suite("Advisory database: import, info, staleness, mirror, rematch")
struct DatabaseTests {
    static let record = Fixture.osv(id: "PYSEC-1", name: "demo", ranges: Fixture.range([("introduced", "0"), ("fixed", "2.0")]))

    @Test func importAddsAndReimportReplaces() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/sub/advisories.db"
        let pypi = folder.write("a.json", Self.record)
        let go = folder.write("b.json", Fixture.osv(id: "GO-1", ecosystem: "Go", name: "example.com/m",
                                                    ranges: Fixture.range("SEMVER", [("introduced", "0")])))
        _ = try AdvisoryImporter(databasePath: db).importFeeds([pypi])
        _ = try AdvisoryImporter(databasePath: db).importFeeds([go])
        var names = try AdvisoryDatabase(path: db).summary().sources.map(\.name)
        #expect(names == ["osv:Go", "osv:PyPI"])
        // Re-importing PyPI with a different record replaces PyPI's content, keeps Go.
        let pypi2 = folder.write("c.json", Fixture.osv(id: "PYSEC-2", name: "other", ranges: Fixture.range([("introduced", "0")])))
        let result = try AdvisoryImporter(databasePath: db).importFeeds([pypi2])
        #expect(result.sources.map(\.name) == ["osv:PyPI"])
        let opened = try AdvisoryDatabase(path: db)
        names = try opened.summary().sources.map(\.name)
        #expect(names == ["osv:Go", "osv:PyPI"])
        #expect(try Fixture.match(opened, Fixture.package("demo", "1.0", .pypi)).isEmpty)
        #expect(try Fixture.match(opened, Fixture.package("other", "1.0", .pypi)).count == 1)
        #expect(try Fixture.match(opened, Fixture.package("example.com/m", "v1.0.0", .golang)).count == 1)
        // No temporary files are left beside the database; it is not in WAL mode.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/sub")
        #expect(leftovers == ["advisories.db"])
    }

    @Test func failedImportLeavesOldDatabase() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/advisories.db"
        _ = try AdvisoryImporter(databasePath: db).importFeeds([folder.write("a.json", Self.record)])
        let bad = folder.write("bad.json", "[1, 2]")
        #expect(throws: SpoolscanError.self) { try AdvisoryImporter(databasePath: db).importFeeds([bad]) }
        #expect(try Fixture.match(AdvisoryDatabase(path: db), Fixture.package("demo", "1.0", .pypi)).count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.json", "advisories.db", "bad.json"])
    }

    @Test func readOnlyOpenOfReadOnlyFile() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["a.json": Self.record], in: folder)
        chmod(db.path, 0o444)
        let reopened = try AdvisoryDatabase(path: db.path)
        #expect(try reopened.summary().sources.first?.records == 1)
    }

    @Test func missingDatabaseIsDB001() {
        let error = #expect(throws: SpoolscanError.self) { try AdvisoryDatabase(path: "/nonexistent/advisories.db") }
        #expect(error?.code == .dbMissing)
    }

    @Test func staleWarningAndInfo() throws {
        let folder = TemporaryFolder()
        let db = folder.path + "/advisories.db"
        let built = Date(timeIntervalSince1970: 1_700_000_000)
        _ = try AdvisoryImporter(databasePath: db).importFeeds([folder.write("a.json", Self.record)], now: built)
        let opened = try AdvisoryDatabase(path: db)
        #expect(opened.staleWarning(maxAgeDays: 7, now: built.addingTimeInterval(6 * 86_400)) == nil)
        let warning = opened.staleWarning(maxAgeDays: 7, now: built.addingTimeInterval(8 * 86_400))
        #expect(warning?.code == "DB-004")
        let info = try opened.info(matchedAt: built)
        #expect(info.schemaVersion == AdvisorySchema.version)
        #expect(info.builtAt == "2023-11-14T22:13:20Z")
        #expect(info.sources == [DatabaseSource(name: "osv:PyPI", importedAt: "2023-11-14T22:13:20Z", records: 1)])
    }

    @Test func defaultPathResolution() {
        #expect(AdvisoryDatabase.defaultPath(environment: ["SPOOLSCAN_DB": "/x/y.db"]) == "/x/y.db")
        let fallback = AdvisoryDatabase.defaultPath(environment: ["HOME": "/home/u"])
        #expect(fallback == "/var/lib/spoolscan/advisories.db" || fallback == "/home/u/.cache/spoolscan/advisories.db")
    }

    @Test func mirrorFolderUpdate() throws {
        let folder = TemporaryFolder()
        folder.write("mirror/alpine-secdb/v3.7/main.json", DistroFeedTests.secdb)
        folder.write("mirror/debian-tracker.json", DistroFeedTests.tracker)
        folder.write("mirror/README.txt", "not a feed")
        let feeds = try FeedMirror.feeds(in: folder.path + "/mirror")
        #expect(feeds.map { ($0 as NSString).lastPathComponent } == ["main.json", "debian-tracker.json"])
        let result = try FeedMirror(location: folder.path + "/mirror").update(databasePath: folder.path + "/db")
        #expect(result.sources.map(\.name) == ["alpine-secdb:v3.7", "debian-tracker"])
        let empty = folder.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let error = #expect(throws: SpoolscanError.self) { try FeedMirror(location: empty).update(databasePath: folder.path + "/db") }
        #expect(error?.code == .dbImportFormat)
    }

    @Test func unreachableURLIsDB006() throws {
        let folder = TemporaryFolder()
        let error = #expect(throws: SpoolscanError.self) {
            try FeedMirror(location: "http://127.0.0.1:9/feeds").update(databasePath: folder.path + "/db")
        }
        #expect(error?.code == .dbDownload)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/db"))
    }

    @Test func rematchRewritesReports() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["a.json": Self.record], in: folder)
        let image = Fixture.image(os: nil, [Fixture.package("demo", "1.0", .pypi)])
        var report = Report(createdAt: "2024-01-01T00:00:00Z",
                            artifact: Artifact(path: "x.tar", sha256: String(repeating: "a", count: 64), size: 1,
                                               format: "docker-archive", images: [image]),
                            warnings: [ReportWarning(.dbStale, "old"), ReportWarning(.packageFileSkipped, "kept")])
        try FileManager.default.createDirectory(atPath: folder.path + "/spool/done", withIntermediateDirectories: true)
        let path = folder.path + "/spool/done/x.report.json"
        try ReportCodec.writeAtomically(ReportCodec.encode(report), to: path)
        folder.write("spool/done/broken.report.json", "{")
        // `now` just after the record's date: neither the build nor the data is stale.
        let result = try ReportRematcher(matcher: VulnerabilityMatcher(database: db))
            .rematch(folder: folder.path + "/spool/done", now: Date(timeIntervalSince1970: 1_704_153_600))
        #expect(result.rematched == 1)
        #expect(result.failures.count == 1)
        report = try ReportCodec.decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(report.artifact.images[0].vulnerabilities.map(\.id) == ["PYSEC-1"])
        #expect(report.artifact.images[0].vulnerabilitySummary?.unknown == 1)
        #expect(report.database?.sources.map(\.name) == ["osv:PyPI"])
        #expect(report.warnings == [ReportWarning(.packageFileSkipped, "kept")])
    }
}
