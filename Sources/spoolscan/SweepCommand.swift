import Advisories
import ArgumentParser
import Foundation
import Policy
import Spool
import SpoolscanCore

/// `spoolscan sweep`: one pass over the spool, for cron and timers.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Scan everything pending in a spool, then exit with a one-line summary.",
        discussion: """
        Safe while a daemon runs on the same spool: jobs are claimed by atomic rename. Exit status: 0 when \
        every job it finished went to done/; 2 when any ended in error/ (the summary line says how many); \
        75 (EX_TEMPFAIL) when jobs were held in pending/ for a fault of the host (disk full, unreadable \
        artifact, database), with a HNDL-011 line naming the cause; 1 when the sweep could not run (spool \
        invalid, advisory database named but unusable, scanner missing).
        """)

    @OptionGroup var options: SpoolOptions
    @OptionGroup var matching: MatchingOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var actions: ActionOptions

    @Flag(help: "After the pending jobs, re-match every report in done/ and quarantine/ against the current advisory database (the nightly re-check; files stay in their folder).")
    var rematch = false

    @Option(help: "At the end, remove finished jobs (artifact and sidecars) older than this many days from done/, error/ and quarantine/ (off by default).")
    var retentionDays: Double?

    @Flag(name: [.short, .long], help: "Print no summary lines (errors still go to stderr).")
    var quiet = false

    func run() throws {
        let worker = try SpoolSettings.worker(options, matching: matching, policy: policy, actions: actions,
                                              retentionDays: retentionDays, role: "sweep")
        let (layout, writer, rules, parsing) = (worker.settings.layout, worker.writer, worker.rules, worker.parsing)
        try QueueOptions.refuseSharedSpool(layout)
        let retention: Retention?
        do {
            retention = try worker.settings.resolved.retentionDays.map { try Retention(layout: layout, maxAgeDays: $0) }
        } catch { throw SpoolOptions.fail(error) }
        let sweep = SpoolSweep(layout: layout, config: worker.config, hook: worker.hook, logger: worker.logger)
        let summary: WorkSummary
        do {
            summary = try SpoolOptions.runBlocking { try await sweep.run() }
        } catch {
            writeMetrics(writer)
            throw SpoolOptions.fail(error)
        }
        say("sweep: \(summary.line)")
        if let held = summary.heldError { ErrorLine.write(held) }
        defer { writeMetrics(writer) }
        if rematch { try rematchDone(rules: rules, parsing: parsing, layout: layout) }
        if let retention {
            let result = retention.apply()
            for failure in result.failures { ErrorLine.write(failure: failure, fallback: .retentionRemoveFailed) }
            say(result.summary(maxAgeDays: retention.maxAgeDays))
        }
        // Held jobs were not scanned at all: the run is incomplete, whatever else happened.
        if summary.held > 0 { throw ExitCode(SweepCommand.heldExitStatus) }
        if summary.error > 0 { throw ExitCode(2) }
    }

    private func say(_ line: String) {
        if !quiet { print(line) }
    }

    /// The exit status of a sweep that left jobs held for a fault of the host: `EX_TEMPFAIL`
    /// from sysexits.h, "try again later".
    static let heldExitStatus: Int32 = 75

    /// Writes the metrics file once, at the end (a failure is reported, not fatal: `HNDL-021`).
    private func writeMetrics(_ writer: MetricsFileWriter?) {
        do { try writer?.writeNow() } catch {
            ErrorLine.write(error)
        }
    }

    /// Re-matches done/*.report.json and quarantine/*.report.json without opening any image; a
    /// changed verdict does not move a job between the two folders.
    private func rematchDone(rules: (policy: LoadedPolicy, vex: [VEXDocument]), parsing: ParsingStage,
                             layout: SpoolLayout) throws {
        guard let path = parsing.databasePath else {
            // Reports already carry a "no advisory database" warning; say it here too, but a
            // host without a database yet is no failure of the sweep.
            ErrorLine.write(SpoolscanError(.dbMissing, "rematch skipped: no --db and nothing at \(AdvisoryDatabase.defaultPath())"))
            return
        }
        var result: ReportRematcher.Result
        do {
            let matcher = VulnerabilityMatcher(database: try AdvisoryDatabase(path: path))
            var rematcher = ReportRematcher(matcher: matcher, maxAgeDays: parsing.maxDbAgeDays)
            let now = Date()
            rematcher.afterMatch = { _ = PolicyEvaluator(policy: rules.policy, vex: rules.vex, now: now).apply(to: &$0) }
            result = try rematcher.rematch(folder: layout.folder(.done))
            let quarantined = try rematcher.rematch(folder: layout.folder(.quarantine))
            result.rematched += quarantined.rematched
            result.failures += quarantined.failures
        } catch {
            throw failDB(error)
        }
        for failure in result.failures { ErrorLine.write(failure: failure, fallback: .handlerSendStatus) }
        say("rematch: \(result.rematched) reports, \(result.failures.count) failed")
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
