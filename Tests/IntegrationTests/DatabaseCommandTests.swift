import Advisories
import Foundation
import SpoolscanCore
import Testing

private let binaryForDatabaseCommands = SharedData.packageRoot.appendingPathComponent(".build/debug/spoolscan").path

/// `db import`, `db update --from` and `db info` as a user runs them.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: binaryForDatabaseCommands),
                "needs .build/debug/spoolscan: run `swift build --build-tests` first"))
struct DatabaseCommandTests {
    static let record = """
        {"id": "PYSEC-1", "modified": "2024-02-03T04:05:06Z", "aliases": [], "summary": "s",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.0"}]}]}]}
        """

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func emptyImportFailsAndInfoListsCoverage() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/advisories.db"
        try Self.write("not a feed", to: folder + "/empty/README.txt")
        let (status, output) = try SharedData.runReturningStatus(binaryForDatabaseCommands, ["db", "import", folder + "/empty", "--db", db])
        #expect(status != 0 && !output.contains("imported"))
        #expect(!FileManager.default.fileExists(atPath: db))

        try Self.write(Self.record, to: folder + "/mirror/PyPI/one.json")
        try Self.write(Self.record, to: folder + "/feeds/one.json")
        let mirror = folder + "/mirror"
        let error = #expect(throws: SpoolscanError.self) { try FeedMirror(location: mirror).update(databasePath: db) }
        #expect(error?.code == .dbImportFormat, "a mirror without any feed of its layout imports nothing")
        #expect(error?.detail.contains("skipped \(mirror)/PyPI/one.json: only PyPI/all.zip is read from this folder") == true)
        let (updateStatus, updateOutput) = try SharedData.runReturningStatus(binaryForDatabaseCommands, ["db", "update", "--from", mirror, "--db", db])
        #expect(updateStatus != 0 && !updateOutput.contains("imported"))

        #expect(try SharedData.runReturningStatus(binaryForDatabaseCommands, ["db", "import", folder + "/feeds", "--db", db]).0 == 0)
        let json = try SharedData.run(binaryForDatabaseCommands, ["db", "info", "--json", "--db", db])
        let info = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let database = try #require(info["database"] as? [String: Any])
        #expect(database["newestRecord"] as? String == "2024-02-03T04:05:06Z")
        let coverage = try #require(database["coverage"] as? [[String: Any]])
        #expect(coverage.count == 1 && coverage[0]["ecosystem"] as? String == "PyPI" && coverage[0]["advisories"] as? Int == 1)
        #expect((info["dataAgeDays"] as? Int ?? 0) > 300)
        #expect((info["stale"] as? [String: Any])?["code"] as? String == "DB-004", "the data is old although the import is new")
        let text = try SharedData.run(binaryForDatabaseCommands, ["db", "info", "--db", db])
        #expect(text.contains("  PyPI: 1 advisories, newest record 2024-02-03T04:05:06Z"))
    }
}
