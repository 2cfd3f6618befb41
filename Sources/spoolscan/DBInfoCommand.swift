import Advisories
import ArgumentParser
import Foundation
import ScanReport
import SpoolscanCore

/// `spoolscan db info`: what the database holds and how old it is.
struct DBInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show the database's feeds, counts, dates and age.")

    @OptionGroup var database: DatabasePathOption

    @Flag(help: "Print JSON.")
    var json = false

    @Option(help: "Age in days after which the database counts as stale.")
    var maxAgeDays = 7

    func run() throws {
        let summary: DatabaseSummary
        do {
            summary = try AdvisoryDatabase(path: database.resolved).summary()
        } catch {
            throw failDB(error)
        }
        let stale = summary.staleWarning(maxAgeDays: maxAgeDays)
        if json {
            let data = try ReportCodec.encode(DBInfoOutput(database: summary, ageDays: summary.ageDays(), stale: stale))
            FileHandle.standardOutput.write(data)
            return
        }
        print("database: \(summary.path)")
        print("schema:   \(summary.schemaVersion)")
        print("built:    \(summary.builtAt) (\(summary.ageDays().map { "\($0) days ago" } ?? "age unknown"))")
        for source in summary.sources {
            var line = "  \(source.name): \(source.records) advisories, imported \(source.importedAt)"
            if source.ignoredGitRanges > 0 { line += ", \(source.ignoredGitRanges) GIT ranges ignored" }
            if source.skippedWithdrawn > 0 { line += ", \(source.skippedWithdrawn) withdrawn skipped" }
            print(line)
        }
        if let stale { print("warning: \(stale)") }
    }
}

/// `db info --json` output.
struct DBInfoOutput: Encodable {
    var database: DatabaseSummary
    var ageDays: Int?
    var stale: ReportWarning?
}
