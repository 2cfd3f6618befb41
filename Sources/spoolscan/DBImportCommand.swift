import Advisories
import ArgumentParser
import Foundation
import SpoolscanCore

/// `spoolscan db import PATH...`: add advisory feeds to the database.
struct DBImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import advisory feeds (OSV JSON, folders or all.zip; Alpine secdb; Debian tracker JSON), detected by content."
    )

    @Argument(help: "Feed files or folders.")
    var paths: [String]

    @OptionGroup var database: DatabasePathOption

    @Flag(name: [.short, .long], help: "Print only warnings and errors, not each feed's count.")
    var quiet = false

    func run() throws {
        let path = database.resolved
        // A path that does not exist is a wrong argument, not a feed of an unknown kind.
        for missing in paths where !FileManager.default.fileExists(atPath: missing) {
            throw failDB(SpoolscanError(.namedFileMissing, "\(missing) does not exist"))
        }
        do {
            printImport(try AdvisoryImporter(databasePath: path).importFeeds(paths), database: path, quiet: quiet)
        } catch {
            throw failDB(error)
        }
    }
}
