import Advisories
import ArgumentParser
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

    func run() throws {
        let path = database.resolved
        do {
            printImport(try AdvisoryImporter(databasePath: path).importFeeds(paths), database: path)
        } catch {
            throw failDB(error)
        }
    }
}
