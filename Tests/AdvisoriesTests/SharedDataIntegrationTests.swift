import Foundation
import ScanReport
import Testing
@testable import Advisories

/// Integration tests on the real feeds in `../shared/vulndata` (relative to the package root).
/// They are reported as skipped when that folder is absent (a fresh clone has none of it).
private let sharedVulndata = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("../shared/vulndata").standardized.path

@Suite("Integration: real advisory feeds", .serialized,
       .enabled(if: FileManager.default.fileExists(atPath: sharedVulndata), "../shared/vulndata is absent (not part of a clone)"))
struct SharedDataIntegrationTests {
    static let vulndata = sharedVulndata

    /// True when `relative` exists under the shared vulndata folder.
    static func has(_ relative: String...) -> Bool {
        relative.allSatisfy { FileManager.default.fileExists(atPath: vulndata + "/" + $0) }
    }

    static func path(_ relative: String) -> String { vulndata + "/" + relative }

    static let languageFeeds = "needs ../shared/vulndata/PyPI-all.zip and Go-all.zip"

    /// One database with PyPI and Go, built once for the suite (an import failure fails every
    /// test that uses it).
    static let languageDatabase: Result<(AdvisoryDatabase, TemporaryFolder), any Error> = {
        let folder = TemporaryFolder()
        let path = folder.path + "/advisories.db"
        do {
            _ = try AdvisoryImporter(databasePath: path).importFeeds([Self.path("PyPI-all.zip"), Self.path("Go-all.zip")])
            return .success((try AdvisoryDatabase(path: path), folder))
        } catch {
            return .failure(error)
        }
    }()

    @Test(.enabled(if: has("alpine-secdb/v3.7"), "needs ../shared/vulndata/alpine-secdb/v3.7"))
    func alpine37MuslFixedIn118r4() throws {
        let secdb = Self.path("alpine-secdb/v3.7")
        let folder = TemporaryFolder()
        _ = try AdvisoryImporter(databasePath: folder.path + "/db").importFeeds([secdb])
        let db = try AdvisoryDatabase(path: folder.path + "/db")
        let os = OSInfo(family: "alpine", version: "3.7.3", name: "Alpine Linux v3.7")
        let musl = Fixture.package("musl", "1.1.18-r3", .apk, source: "musl", purl: "pkg:apk/alpine/musl@1.1.18-r3")
        let found = try Fixture.match(db, os: os, musl)
        let cve = found.first { $0.id == "CVE-2019-14697" }
        #expect(cve?.fixedVersion == "1.1.18-r4")
        #expect(cve?.status == "fixed")
        #expect(cve?.source == "alpine-secdb:v3.7")
        let fixed = Fixture.package("musl", "1.1.18-r4", .apk, source: "musl")
        #expect(try Fixture.match(db, os: os, fixed).contains { $0.id == "CVE-2019-14697" } == false)
    }

    @Test(.enabled(if: has("PyPI-all.zip", "Go-all.zip"), Comment(rawValue: languageFeeds)), arguments: [("requests", "2.19.1"), ("urllib3", "1.24.1"), ("Jinja2", "2.10"), ("Django", "2.2"), ("PyYAML", "5.1")])
    func oldPythonPackagesHaveAdvisories(name: String, version: String) throws {
        let (db, _) = try Self.languageDatabase.get()
        let found = try Fixture.match(db, Fixture.package(name, version, .pypi))
        #expect(!found.isEmpty, "\(name) \(version) should have advisories")
        #expect(found.allSatisfy { $0.source == "osv:PyPI" && $0.installedVersion == version })
        // One finding per vulnerability: no id appears as another finding's alias.
        let ids = Set(found.map(\.id))
        #expect(found.allSatisfy { Set($0.aliases).isDisjoint(with: ids) })
    }

    /// The versions current when these checks were written. The feed snapshot has advisories
    /// published after them (e.g. CVE-2024-47081, fixed in requests 2.32.4), so "none" holds only
    /// for Jinja2 and PyYAML; for the others the expected PYSEC ids were computed independently
    /// with Python's `packaging` over the same zip. Every finding must name a newer fixed version.
    @Test(.enabled(if: has("PyPI-all.zip", "Go-all.zip"), Comment(rawValue: languageFeeds)), arguments: [
        ("requests", "2.32.3", ["PYSEC-2026-1872", "PYSEC-2026-2275"]),
        ("urllib3", "2.2.3", ["PYSEC-2026-141", "PYSEC-2026-1994", "PYSEC-2026-1996", "PYSEC-2026-1997", "PYSEC-2026-1998", "PYSEC-2026-1999"]),
        ("Jinja2", "3.1.6", []),
        ("Django", "5.1.4", ["PYSEC-2025-1", "PYSEC-2025-104", "PYSEC-2025-105", "PYSEC-2025-106", "PYSEC-2025-107", "PYSEC-2025-108",
                             "PYSEC-2025-109", "PYSEC-2025-13", "PYSEC-2025-14", "PYSEC-2025-37", "PYSEC-2025-47", "PYSEC-2026-1296"]),
        ("PyYAML", "6.0.2", []),
        ("requests", "2.19.1", ["PYSEC-2018-28", "PYSEC-2023-74", "PYSEC-2026-1872", "PYSEC-2026-1873", "PYSEC-2026-2275"]),
    ])
    func pythonPackagesMatchIndependentComputation(name: String, version: String, expected: [String]) throws {
        let (db, _) = try Self.languageDatabase.get()
        let found = try Fixture.match(db, Fixture.package(name, version, .pypi))
        let pysec = found.flatMap { [$0.id] + $0.aliases }.filter { $0.hasPrefix("PYSEC-") }.sorted()
        #expect(pysec == expected.sorted(), "\(name) \(version)")
        #expect(found.count == expected.count, "one finding per advisory group")
        let pep440 = PEP440VersionComparator()
        #expect(found.allSatisfy { $0.status == "fixed" && pep440.compare($0.fixedVersion ?? "0", version) > 0 })
    }

    @Test(.enabled(if: has("PyPI-all.zip", "Go-all.zip"), Comment(rawValue: languageFeeds)))
    func goStdlib1198HasAdvisories() throws {
        let (db, _) = try Self.languageDatabase.get()
        let found = try Fixture.match(db, Fixture.package("stdlib", "1.19.8", .golang, purl: "pkg:golang/stdlib@1.19.8"))
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.source == "osv:Go" })
        #expect(found.contains { $0.status == "fixed" && $0.fixedVersion != nil })
        #expect(try Fixture.match(db, Fixture.package("stdlib", "go1.19.8", .golang)).count == found.count)
    }

    @Test(.enabled(if: has("PyPI-all.zip", "Go-all.zip"), Comment(rawValue: languageFeeds)))
    func requestsAliasGroupUsesCVE() throws {
        let (db, _) = try Self.languageDatabase.get()
        let found = try Fixture.match(db, Fixture.package("requests", "2.19.1", .pypi))
        let cve = found.first { $0.id == "CVE-2018-18074" }
        #expect(cve != nil)
        #expect(cve?.aliases.contains { $0.hasPrefix("PYSEC-") } == true)
    }

    @Test(.enabled(if: has("Go-all.zip", "alpine-secdb/v3.7"), "needs ../shared/vulndata/Go-all.zip and alpine-secdb/v3.7"))
    func mirrorFolderWithOSVZipAndSecdb() throws {
        let go = Self.path("Go-all.zip"), secdb = Self.path("alpine-secdb/v3.7")
        let folder = TemporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder.path + "/mirror/Go", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: folder.path + "/mirror/Go/all.zip", withDestinationPath: go)
        try fm.createDirectory(atPath: folder.path + "/mirror/alpine-secdb", withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: folder.path + "/mirror/alpine-secdb/v3.7", withDestinationPath: secdb)
        let result = try FeedMirror(location: folder.path + "/mirror").update(databasePath: folder.path + "/db")
        #expect(result.sources.map(\.name) == ["alpine-secdb:v3.7", "osv:Go"])
        #expect(result.sources.allSatisfy { $0.records > 100 })
    }
}
