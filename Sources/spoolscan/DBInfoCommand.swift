import Advisories
import ArgumentParser
import Foundation
import ScanReport
import SpoolscanCore

/// `spoolscan db info`: what the database holds and how old it is.
struct DBInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show the database's feeds, counts, dates and age.")

    @OptionGroup var database: DatabasePathOption

    @OptionGroup var output: TextOrJSONOption

    @OptionGroup var age: DatabaseAgeOption

    func run() throws {
        var summary: DatabaseSummary
        let maxAgeDays: Int
        do {
            maxAgeDays = try age.days()
            let db = try AdvisoryDatabase(path: database.resolved)
            summary = try db.summary()
            summary.coverage = try db.coverage()
        } catch {
            throw failDB(error)
        }
        let stale = summary.staleWarning(maxAgeDays: maxAgeDays)
        if try output.isJSON() {
            let data = try ReportCodec.encode(DBInfoOutput(database: summary, ageDays: summary.ageDays(),
                                                           dataAgeDays: summary.dataAgeDays(), isStale: stale != nil,
                                                           hasCoverage: !(summary.coverage ?? []).isEmpty, stale: stale))
            FileHandle.standardOutput.write(data)
            return
        }
        print("database: \(summary.path)")
        print("schema:   \(summary.schemaVersion)")
        print("built:    \(summary.builtAt) (\(summary.ageDays().map { "\($0) days ago" } ?? "age unknown"))")
        print("newest record: \(summary.newestRecord.map { "\($0) (\(summary.dataAgeDays().map(String.init) ?? "?") days old)" } ?? "no record dates")")
        print("feeds:")
        for source in summary.sources {
            var line = "  \(source.name): \(source.records) advisories, imported \(source.importedAt)"
            if source.ignoredGitRanges > 0 { line += ", \(source.ignoredGitRanges) GIT ranges ignored" }
            if source.skippedWithdrawn > 0 { line += ", \(source.skippedWithdrawn) withdrawn skipped" }
            print(line)
        }
        print("covers (images of other releases and ecosystems are reported as not checked, DB-008):")
        for row in summary.coverage ?? [] {
            let scope = row.release.map { "\(row.ecosystem) \($0)" } ?? row.ecosystem
            print("  \(scope): \(row.advisories) advisories, newest record \(row.newestRecord ?? "undated")")
        }
        if let stale { print("warning: \(stale)") }
    }
}

/// `db info --json` output (yes/no answers are JSON booleans).
struct DBInfoOutput: Encodable {
    var database: DatabaseSummary
    var ageDays: Int?
    var dataAgeDays: Int?
    /// Whether the database or its newest record is older than `--max-db-age-days`.
    var isStale: Bool
    /// Whether the database covers any release or ecosystem at all.
    var hasCoverage: Bool
    /// The `DB-004` warning when stale.
    var stale: ReportWarning?
}
