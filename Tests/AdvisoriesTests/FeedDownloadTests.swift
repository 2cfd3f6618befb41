import Foundation
import ScanReport
import SpoolscanCore
import Testing
@testable import Advisories

/// `db update` over HTTP: each feed from its own location, Alpine branches from the index page,
/// cut downloads resumed or restarted, and a failed update leaving the database untouched. The
/// feeds are small generated files served by `scripts/feed-server.py` on 127.0.0.1.
@Suite("Feed downloads")
struct FeedDownloadTests {
    static let pysec = Fixture.osv(id: "PYSEC-2024-1", name: "requests",
                                   ranges: Fixture.range([("introduced", "0"), ("fixed", "2.20.0")]))
    static let secdb37 = DistroFeedTests.secdb
    static let secdb38 = """
        {"distroversion": "v3.8", "reponame": "main", "packages": [
          {"pkg": {"name": "busybox", "secfixes": {"1.28.4-r1": ["CVE-2018-1000500"]}}}]}
        """

    @Test func alpineIndexPageBranches() {
        let page = """
            <html><head><title>Index of /</title></head><body><h1>Index of /</h1><hr><pre>
            <a href="../">../</a>
            <a href="edge/">edge/</a>                 12-May-2025 10:00       -
            <a href="v3.10/">v3.10/</a>               12-May-2025 10:00       -
            <a href="v3.2/">v3.2/</a>                 12-May-2025 10:00       -
            <a href='./v3.20/'>v3.20/</a>
            <a href="https://secdb.alpinelinux.org/v3.9/">v3.9/</a>
            <a href="v3.9/">v3.9/</a> <a href="v3.x/">x</a> <a href="v3.8/main.json">main</a> <a href="README">r</a>
            </pre></body></html>
            """
        #expect(AlpineSecdbIndex.branches(inHTML: page) == ["v3.2", "v3.9", "v3.10", "v3.20"])
        #expect(AlpineSecdbIndex.branches(inHTML: "<html>no links</html>").isEmpty)
    }

    @Test func sourceLocationsAndOverrides() {
        let defaults = FeedSources.publicSources
        #expect(defaults.osv == "https://osv-vulnerabilities.storage.googleapis.com")
        #expect(defaults.alpineSecdb == "https://secdb.alpinelinux.org/")
        #expect(defaults.debianTracker == "https://security-tracker.debian.org/tracker/data/json")
        let mirror = FeedSources.mirror(base: "http://mirror.example/feeds/")
        #expect(mirror == FeedSources(osv: "http://mirror.example/feeds", alpineSecdb: "http://mirror.example/feeds/alpine-secdb/",
                                      debianTracker: "http://mirror.example/feeds/debian-tracker.json"))
        let changed = defaults.overridden(by: ["SPOOLSCAN_OSV_URL": "http://127.0.0.1:8000/osv", "SPOOLSCAN_DEBIAN_TRACKER_URL": ""])
        #expect(changed == FeedSources(osv: "http://127.0.0.1:8000/osv", alpineSecdb: defaults.alpineSecdb, debianTracker: nil))
        #expect(defaults.overridden(by: [:]) == defaults)
    }

    /// Three publishers at three unrelated paths, as in the public sources.
    static func publisherTree() throws -> TemporaryFolder {
        let folder = TemporaryFolder()
        folder.write("osv-src/PyPI/record.json", pysec)
        try zip(folder.path + "/osv-src/PyPI/record.json", into: folder.path + "/served/osv/PyPI/all.zip")
        folder.write("served/secdb/v3.7/main.json", secdb37)
        folder.write("served/secdb/v3.8/main.json", secdb38)
        folder.write("served/secdb/v3.8/community.json", #"{"distroversion": "v3.8", "reponame": "community", "packages": []}"#)
        folder.write("served/secdb/edge/main.json", "{}")
        folder.write("served/tracker/data/json", DistroFeedTests.tracker)
        return folder
    }

    static func sources(_ server: FeedServer) -> FeedSources {
        FeedSources(osv: server.base + "/osv", alpineSecdb: server.base + "/secdb/", debianTracker: server.base + "/tracker/data/json")
    }

    @Test(.enabled(if: FeedServer.available, "python3 is not installed: the local feed server cannot run"))
    func everyFeedFromItsOwnLocation() throws {
        let folder = try Self.publisherTree()
        let server = try FeedServer(root: folder.path + "/served")
        let staging = folder.path + "/staging"
        let fetched = try FeedDownloader(sources: Self.sources(server), timeout: 10).download(into: staging)
        #expect(fetched == ["PyPI/all.zip", "alpine-secdb/v3.7/main.json", "alpine-secdb/v3.8/main.json",
                            "alpine-secdb/v3.8/community.json", "debian-tracker.json"])
        #expect(FileManager.default.contents(atPath: staging + "/alpine-secdb/v3.7/main.json") == Data(Self.secdb37.utf8))
        #expect(!FileManager.default.fileExists(atPath: staging + "/alpine-secdb/edge"))
        // Every other ecosystem was asked for at its own OSV path and skipped on 404.
        #expect(server.requests.contains("/osv/crates.io/all.zip -- 404"))
        #expect(server.requests.contains("/osv/Red%20Hat/all.zip -- 404"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging).allSatisfy { !$0.hasSuffix(".partial") })

        // The whole update: downloaded, imported, and matched.
        let database = folder.path + "/db/advisories.db"
        let result = try Self.sources(server).update(databasePath: database, timeout: 10)
        #expect(result.sources.reduce(0) { $0 + $1.records } > 0)
        let db = try AdvisoryDatabase(path: database)
        let musl = Fixture.package("musl", "1.1.18-r3", .apk, source: "musl")
        #expect(try Fixture.match(db, os: DistroFeedTests.alpine37, musl).map(\.id) == ["CVE-2019-14697"])
        let requests = Fixture.package("requests", "2.19.1", .pypi)
        #expect(try Fixture.match(db, os: nil, requests).map(\.id) == ["PYSEC-2024-1"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path + "/db") == ["advisories.db"])
    }

    static func bigFile(in folder: TemporaryFolder) -> Data {
        var text = ""
        for index in 0..<4000 { text += "{\"line\": \(index), \"padding\": \"\(String(repeating: "x", count: index % 50))\"}\n" }
        let data = Data(text.utf8)
        folder.write("served/big.json", text)
        return data
    }

    @Test(.enabled(if: FeedServer.available, "python3 is not installed: the local feed server cannot run"))
    func cutDownloadResumesWithRange() throws {
        let folder = TemporaryFolder()
        let expected = Self.bigFile(in: folder)
        let server = try FeedServer(root: folder.path + "/served", options: ["--cut", "5000"])
        let target = folder.path + "/out/big.json"
        #expect(try ResumableDownload(timeout: 10).fetch(URL(string: server.base + "/big.json")!, to: target))
        #expect(FileManager.default.contents(atPath: target) == expected)
        #expect(server.requests == ["/big.json -- 200", "/big.json bytes=5000- 206"])
        #expect(!FileManager.default.fileExists(atPath: target + ".partial"))
    }

    @Test(.enabled(if: FeedServer.available, "python3 is not installed: the local feed server cannot run"))
    func cutDownloadRestartsWhenRangesAreIgnored() throws {
        let folder = TemporaryFolder()
        let expected = Self.bigFile(in: folder)
        let server = try FeedServer(root: folder.path + "/served", options: ["--cut", "5000", "--ignore-range"])
        let target = folder.path + "/out/big.json"
        #expect(try ResumableDownload(timeout: 10).fetch(URL(string: server.base + "/big.json")!, to: target))
        #expect(FileManager.default.contents(atPath: target) == expected)
        #expect(server.requests == ["/big.json -- 200", "/big.json bytes=5000- 200"])
    }

    @Test(.enabled(if: FeedServer.available, "python3 is not installed: the local feed server cannot run"))
    func cutEncodedDownloadRestarts() throws {
        let folder = TemporaryFolder()
        let expected = Self.bigFile(in: folder)
        let server = try FeedServer(root: folder.path + "/served", options: ["--cut", "3000", "--gzip"])
        let target = folder.path + "/out/big.json"
        #expect(try ResumableDownload(timeout: 10).fetch(URL(string: server.base + "/big.json")!, to: target))
        // The decoded bytes are kept; their count is no offset into the encoded body, so no Range.
        #expect(FileManager.default.contents(atPath: target) == expected)
        #expect(server.requests == ["/big.json -- 200", "/big.json -- 200"])
    }

    @Test(.enabled(if: FeedServer.available, "python3 is not installed: the local feed server cannot run"))
    func failedUpdateLeavesTheDatabaseAsItWas() throws {
        let folder = try Self.publisherTree()
        let database = folder.path + "/advisories.db"
        do {
            let server = try FeedServer(root: folder.path + "/served")
            _ = try Self.sources(server).update(databasePath: database, timeout: 10)
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        // Nothing listens on the port any more: the connection is refused at once.
        let started = Date()
        let unreachable = FeedSources(osv: "http://127.0.0.1:9/osv", alpineSecdb: nil, debianTracker: nil)
        let error = #expect(throws: SpoolscanError.self) { try unreachable.update(databasePath: database, timeout: 10) }
        #expect(error?.code == .dbDownload)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".spoolscan-download") }.isEmpty)

        // A server with none of the feeds: DB-006, database unchanged.
        let empty = TemporaryFolder()
        empty.write("served/index.html", "<html></html>")
        let server = try FeedServer(root: empty.path + "/served")
        let nothing = #expect(throws: SpoolscanError.self) {
            try FeedSources.mirror(base: server.base).update(databasePath: database, timeout: 10)
        }
        #expect(nothing?.code == .dbDownload)
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)
    }

    /// Writes a zip holding `file` with Python's zipfile (the layout of OSV's `all.zip`).
    static func zip(_ file: String, into archive: String) throws {
        try FileManager.default.createDirectory(atPath: (archive as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: FeedServer.python!)
        process.arguments = ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED); "
                                 + "z.write(sys.argv[1], 'PYSEC-2024-1.json'); z.close()", file, archive]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
