#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Advisories
import TestSupport

/// The feed importers, through the public importer: each input is written to a file and
/// imported into a fresh database in shared memory (feeds are recognised by content, so the
/// targets differ in their seeds).
enum FeedTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget("osv-json", "an OSV record or array of records", seeds: {
            [("osv.json", Array(FeedSeeds.osv.utf8)), ("osv-array.json", Array("[\(FeedSeeds.osv), \(FeedSeeds.osvWithdrawn)]".utf8))]
        }) { importFeed($0, name: "feed.json") },
        FuzzTarget("alpine-secdb", "an Alpine secdb file", seeds: { [("main.json", Array(FeedSeeds.secdb.utf8))] }) {
            importFeed($0, name: "feed.json")
        },
        FuzzTarget("debian-tracker", "the Debian security tracker JSON", seeds: { [("tracker.json", Array(FeedSeeds.tracker.utf8))] }) {
            importFeed($0, name: "feed.json")
        },
        FuzzTarget("osv-zip", "an OSV all.zip (zip entries through libarchive)", maxLength: 128 << 10, seeds: {
            [("all.zip", ZipWriter.zip([("GHSA-1.json", Array(FeedSeeds.osv.utf8)),
                                            ("README.txt", Array("not a record".utf8)),
                                            ("GHSA-2.json", Array(FeedSeeds.osvWithdrawn.utf8))]))]
        }) { importFeed($0, name: "all.zip") },
    ]

    static let folder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let path = "\(base)/spoolscan-fuzz-feeds-\(getpid())"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func importFeed(_ bytes: [UInt8], name: String) {
        let feed = folder + "/" + name, database = folder + "/advisories.db"
        guard FileManager.default.createFile(atPath: feed, contents: Data(bytes)) else { fatalError("cannot write \(feed)") }
        defer { unlink(feed); unlink(database) }
        _ = try? AdvisoryImporter(databasePath: database).importFeeds([feed])
    }
}
