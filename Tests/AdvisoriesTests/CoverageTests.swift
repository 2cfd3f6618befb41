import Foundation
import ScanReport
import SQLiteDB
import SpoolscanCore
import Testing
@testable import Advisories

/// Reports say which packages the database could speak for: a release or ecosystem the database
/// holds nothing for gives one `DB-008` warning and is never counted as "0 vulnerabilities".
@Suite("Database coverage")
struct CoverageTests {
    static let pypiRecord = Fixture.osv(id: "PYSEC-1", name: "demo", ranges: Fixture.range([("introduced", "0"), ("fixed", "2.0")]))

    static func report(_ images: [ImageReport]) -> Report {
        Report(createdAt: "2026-01-01T00:00:00Z",
               artifact: Artifact(path: "x.tar", sha256: String(repeating: "a", count: 64), size: 1,
                                  format: "docker-archive", images: images))
    }

    static func debianImage() -> ImageReport {
        Fixture.image(os: DistroFeedTests.debian12, [
            Fixture.package("libc6", "2.36-9", .deb, source: "glibc"),
            Fixture.package("openssl", "3.0.11-1", .deb),
            Fixture.package("demo", "1.0", .pypi),
        ])
    }

    @Test func debianImageAgainstPyPIOnlyDatabase() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["a.json": Self.pypiRecord], in: folder)
        var report = Self.report([Self.debianImage()])
        let matcher = VulnerabilityMatcher(database: db)
        try matcher.match(&report, now: Date(timeIntervalSince1970: 1_704_153_600))  // 2024-01-02
        let image = report.artifact.images[0]
        #expect(image.vulnerabilities.map(\.id) == ["PYSEC-1"])
        #expect(image.coverage == [
            PackageCoverage(packageType: .deb, ecosystem: "Debian", release: "12", packages: 2, checked: false),
            PackageCoverage(packageType: .pypi, ecosystem: "PyPI", release: nil, packages: 1, checked: true),
        ])
        #expect(report.warnings == [ReportWarning(.dbNoCoverage, "no advisories for Debian 12 in the database: 2 deb packages not checked")])
        // Matching again (the nightly rematch) replaces the warning instead of adding a second one.
        try matcher.match(&report, now: Date(timeIntervalSince1970: 1_704_153_600))
        #expect(report.warnings.filter { $0.code == "DB-008" }.count == 1)
    }

    @Test func coveredReleaseHasNoWarningAndOtherReleaseHasOne() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["tracker.json": DistroFeedTests.tracker, "a.json": Self.pypiRecord], in: folder)
        #expect(try db.covers(.debian, release: "12"))
        #expect(try !db.covers(.debian, release: "10"))
        var report = Self.report([Self.debianImage()])
        try VulnerabilityMatcher(database: db).match(&report, now: Date(timeIntervalSince1970: 1_704_153_600))
        #expect(report.artifact.images[0].coverage?.allSatisfy(\.checked) == true)
        #expect(!report.warnings.contains { $0.code == "DB-008" })

        let buster = OSInfo(family: "debian", version: "10.13", name: "Debian GNU/Linux 10 (buster)")
        var old = Self.report([Fixture.image(os: buster, [Fixture.package("openssl", "1.1.1n-0", .deb)]),
                               Fixture.image(os: buster, [Fixture.package("openssl", "1.1.1n-0", .deb),
                                                          Fixture.package("zlib1g", "1.2.11", .deb, source: "zlib")])])
        try VulnerabilityMatcher(database: db).match(&old, now: Date(timeIntervalSince1970: 1_704_153_600))
        // One warning for the release, counting the packages of both images.
        #expect(old.warnings == [ReportWarning(.dbNoCoverage, "no advisories for Debian 10 in the database: 3 deb packages not checked")])
    }

    @Test func unsupportedDistributionIsNotChecked() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["a.json": Self.pypiRecord], in: folder)
        let fedora = OSInfo(family: "fedora", version: "40", name: "Fedora Linux 40")
        var report = Self.report([Fixture.image(os: fedora, [Fixture.package("bash", "5.2.26-3.fc40", .rpm)])])
        try VulnerabilityMatcher(database: db).match(&report, now: Date(timeIntervalSince1970: 1_704_153_600))
        #expect(report.artifact.images[0].coverage == [
            PackageCoverage(packageType: .rpm, ecosystem: nil, release: nil, os: "fedora 40", packages: 1, checked: false)])
        #expect(report.warnings == [ReportWarning(.dbNoCoverage, "no advisory source for rpm packages on fedora 40: 1 rpm packages not checked")])
    }

    @Test func databaseCoverageListsReleasesWithCountsAndDates() throws {
        let folder = TemporaryFolder()
        let go = Fixture.osv(id: "GO-1", ecosystem: "Go", name: "example.com/m", ranges: Fixture.range("SEMVER", [("introduced", "0")]))
            .replacingOccurrences(of: "2024-01-01T00:00:00Z", with: "2024-03-05T10:00:00.123Z")
        let db = try Fixture.database(["a.json": Self.pypiRecord, "b.json": go, "tracker.json": DistroFeedTests.tracker], in: folder)
        let rows = try db.coverage()
        #expect(rows.map(\.ecosystem) == ["Debian", "Go", "PyPI"])
        #expect(rows.first { $0.ecosystem == "Go" }?.newestRecord == "2024-03-05T10:00:00.123Z")
        #expect(rows.first { $0.ecosystem == "PyPI" }?.advisories == 1)
        #expect(rows.first?.release == "12" && rows.dropFirst().allSatisfy { $0.release == nil })
        #expect(try db.summary().newestRecord == "2024-03-05T10:00:00.123Z")
    }

    @Test func stalenessFollowsTheNewestRecord() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/advisories.db"
        let built = Date(timeIntervalSince1970: 1_735_689_600)  // 2025-01-01: built long after the record
        _ = try AdvisoryImporter(databasePath: path).importFeeds([folder.write("a.json", Self.pypiRecord)], now: built)
        let db = try AdvisoryDatabase(path: path)
        let warning = try #require(db.staleWarning(maxAgeDays: 7, now: built.addingTimeInterval(86_400)))
        #expect(warning.code == "DB-004")
        #expect(warning.message.hasPrefix("newest advisory record is from 2024-01-01"))
        #expect(try db.summary().dataAgeDays(now: built) == 366)
        // Only a record date within the limit and a recent build are fresh.
        #expect(db.staleWarning(maxAgeDays: 400, now: built.addingTimeInterval(86_400)) == nil)
    }

    @Test func databaseWithoutStoredNewestDateIsStillRead() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/advisories.db"
        _ = try AdvisoryImporter(databasePath: path).importFeeds([folder.write("a.json", Self.pypiRecord)])
        // A database built before the date was kept in `meta`: the same schema, the date computed on open.
        #expect(try AdvisoryDatabase(path: path).summary().newestRecord == "2024-01-01T00:00:00Z")
        try SQLiteDatabase(path: path, mode: .readWrite).execute("""
            DELETE FROM meta WHERE key = 'newest_record'; UPDATE advisories SET modified = '2024-05-05T00:00:00Z';
            """)
        #expect(try AdvisoryDatabase(path: path).summary().newestRecord == "2024-05-05T00:00:00Z")
    }

    @Test func importOfNothingIsDB009AndChangesNothing() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/advisories.db"
        folder.write("empty/README.txt", "nothing here")
        folder.write("empty/notes.json", #"{"hello": "world"}"#)
        let error = #expect(throws: SpoolscanError.self) { try AdvisoryImporter(databasePath: path).importFeeds([folder.path + "/empty"]) }
        #expect(error?.code == .dbImportEmpty)
        #expect(error?.detail.contains("notes.json") == true)
        #expect(!FileManager.default.fileExists(atPath: path))

        let withdrawn = #"{"id": "PYSEC-9", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-01-02T00:00:00Z", "affected": []}"#
        _ = try AdvisoryImporter(databasePath: path).importFeeds([folder.write("good.json", Self.pypiRecord)])
        let second = #expect(throws: SpoolscanError.self) {
            try AdvisoryImporter(databasePath: path).importFeeds([folder.write("w.json", withdrawn)])
        }
        #expect(second?.code == .dbImportEmpty)
        #expect(try AdvisoryDatabase(path: path).summary().sources.map(\.records) == [1])
    }

    @Test func mirrorUpdateListsSkippedFiles() throws {
        let folder = TemporaryFolder()
        folder.write("mirror/alpine-secdb/v3.7/main.json", DistroFeedTests.secdb)
        folder.write("mirror/alpine-secdb/v3.7/main.yaml", "x")
        folder.write("mirror/PyPI/all.json", "{}")
        folder.write("mirror/Fortran/all.zip", "PK")
        folder.write("mirror/README.txt", "not a feed")
        let result = try FeedMirror(location: folder.path + "/mirror").update(databasePath: folder.path + "/db")
        let skipped = result.warnings.map { $0.replacingOccurrences(of: folder.path + "/mirror/", with: "") }
        #expect(skipped == [
            "skipped Fortran/all.zip: Fortran is not an ecosystem spoolscan imports (Debian, Ubuntu, Alpine, Red Hat, Rocky Linux, AlmaLinux, PyPI, npm, Maven, Go, crates.io, RubyGems, Packagist, NuGet)",
            "skipped PyPI/all.json: only PyPI/all.zip is read from this folder",
            "skipped README.txt: not a feed file of the mirror; the mirror layout is <Ecosystem>/all.zip, alpine-secdb/v3.N/*.json, debian-tracker.json",
            "skipped alpine-secdb/v3.7/main.yaml: not a .json file",
        ])
    }
}
