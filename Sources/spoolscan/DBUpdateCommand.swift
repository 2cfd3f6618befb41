import Advisories
import ArgumentParser
import SpoolscanCore

/// `spoolscan db update [--from DIR|URL]`: refresh the database from the public feeds or a mirror.
struct DBUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Update the database from the public feeds (OSV, Alpine secdb, Debian security tracker) or a mirror.",
        discussion: """
        Without --from each feed is downloaded from its publisher; SPOOLSCAN_OSV_URL, \
        SPOOLSCAN_ALPINE_SECDB_URL and SPOOLSCAN_DEBIAN_TRACKER_URL replace one location each \
        (empty: leave that feed out). A mirror (folder or URL) is laid out as <Ecosystem>/all.zip, \
        alpine-secdb/v3.N/*.json (a URL mirror's alpine-secdb/ index page lists the branches), \
        debian-tracker.json.
        """
    )

    @Option(name: .customLong("from"), help: "Mirror folder or http(s) mirror base URL (default: each feed from its public location).")
    var from: String?

    @Option(help: "Seconds a download may go without receiving data before it fails.")
    var timeoutSeconds: Int = 600

    @OptionGroup var database: DatabasePathOption

    @Flag(name: [.short, .long], help: "Print only warnings and errors, not each feed's count.")
    var quiet = false

    func validate() throws {
        guard timeoutSeconds > 0 else { throw ValidationError("--timeout-seconds must be positive") }
    }

    func run() throws {
        let path = database.resolved
        do {
            let result: AdvisoryImporter.Result
            if let from, !from.hasPrefix("http://"), !from.hasPrefix("https://") {
                result = try FeedMirror(location: from).update(databasePath: path)
            } else {
                let sources = from.map { FeedSources.mirror(base: $0) } ?? FeedSources.publicSources.overridden()
                result = try sources.update(databasePath: path, timeout: Double(timeoutSeconds))
            }
            printImport(result, database: path, quiet: quiet)
        } catch {
            throw failDB(error)
        }
    }
}
