import Advisories
import ArgumentParser
import Foundation
import Spool
import SpoolscanCore

/// `spoolscan sweep`: one pass over the spool, for cron and timers.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Scan everything pending in a spool, then exit with a one-line summary.",
        discussion: "Safe while a daemon runs on the same spool: jobs are claimed by atomic rename.")

    @OptionGroup var options: SpoolOptions
    @OptionGroup var matching: MatchingOptions

    @Flag(help: "After the pending jobs, re-match every report in done/ against the current advisory database (the nightly re-check).")
    var rematch = false

    func run() throws {
        PolicyOptions.markSpoolScanners()
        let logger = options.makeLogger()
        let sweep = SpoolSweep(layout: options.layout, config: options.configuration, hook: matching.hook, logger: logger)
        let summary: WorkSummary
        do {
            summary = try SpoolOptions.runBlocking { try await sweep.run() }
        } catch {
            throw SpoolOptions.fail(error)
        }
        print("sweep: \(summary.line)")
        if rematch { try rematchDone() }
    }

    /// Re-matches done/*.report.json without opening any image.
    private func rematchDone() throws {
        guard let path = matching.databasePath else {
            // Reports already carry a "no advisory database" warning; say it here too, but a
            // host without a database yet is no failure of the sweep.
            FileHandle.standardError.write(Data("spoolscan: \(SpoolscanError(.dbMissing, "rematch skipped: no --db and nothing at \(AdvisoryDatabase.defaultPath())"))\n".utf8))
            return
        }
        let result: ReportRematcher.Result
        do {
            let matcher = VulnerabilityMatcher(database: try AdvisoryDatabase(path: path))
            result = try ReportRematcher(matcher: matcher, maxAgeDays: matching.maxDbAgeDays).rematch(folder: options.layout.folder(.done))
        } catch {
            throw failDB(error)
        }
        for failure in result.failures { FileHandle.standardError.write(Data("spoolscan: \(failure)\n".utf8)) }
        print("rematch: \(result.rematched) reports, \(result.failures.count) failed")
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
