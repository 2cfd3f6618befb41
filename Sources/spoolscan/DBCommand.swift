import Advisories
import ArgumentParser
import Foundation
import SpoolscanCore

/// `spoolscan db`: manage the advisory database.
struct DBCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the advisory database.",
        subcommands: [DBImportCommand.self, DBUpdateCommand.self, DBInfoCommand.self]
    )
}

/// The `--db` option shared by the database commands.
struct DatabasePathOption: ParsableArguments {
    @Option(name: .customLong("db"), help: "Advisory database file (default: $SPOOLSCAN_DB, /var/lib/spoolscan/advisories.db or ~/.cache/spoolscan/advisories.db).")
    var path: String?

    var resolved: String { path ?? AdvisoryDatabase.defaultPath() }
}

/// Prints a spoolscan error the way every command does (one coded line) and exits non-zero.
func failDB(_ error: SpoolscanError) -> ExitCode { ErrorLine.fail(error) }

/// Prints an import's outcome: the files skipped and why, then each feed's record count
/// (with `quiet`, only the skipped files: they are warnings, not progress).
func printImport(_ result: AdvisoryImporter.Result, database: String, quiet: Bool = false) {
    for warning in result.warnings { print(warning) }
    guard !quiet else { return }
    for source in result.sources { print("\(source.name): \(source.records) advisories") }
    print(String(format: "imported into %@ in %.2f s", database, result.seconds))
}
