import Advisories
import ArgumentParser
import SpoolscanCore

/// `spoolscan db update --from DIR|URL`: refresh the database from a mirror.
struct DBUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Update the database from a mirror folder or URL laid out as <Ecosystem>/all.zip, alpine-secdb/v3.N/*.json, debian-tracker.json."
    )

    @Option(name: .customLong("from"), help: "Mirror folder or http(s) URL (default: OSV's public bucket, which has the <Ecosystem>/all.zip layout).")
    var from: String = FeedMirror.osvBucket

    @OptionGroup var database: DatabasePathOption

    func run() throws {
        let path = database.resolved
        do {
            let result = try FeedMirror(location: from).update(databasePath: path)
            printImport(result, database: path)
        } catch {
            throw failDB(error)
        }
    }
}
