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
        1 when the sweep could not run (spool invalid, advisory database named but unusable, scanner missing).
        """)

    @OptionGroup var options: SpoolOptions
    @OptionGroup var matching: MatchingOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var actions: ActionOptions

    @Flag(help: "After the pending jobs, re-match every report in done/ and quarantine/ against the current advisory database (the nightly re-check; files stay in their folder).")
    var rematch = false

    @Option(help: "At the end, remove finished jobs (artifact and sidecars) older than this many days from done/, error/ and quarantine/ (off by default).")
    var retentionDays: Double?

    func run() throws {
        let logger = options.makeLogger()
        try QueueOptions.refuseSharedSpool(options.layout)
        do { try matching.checkDatabase() } catch { throw SpoolOptions.fail(error) }
        let rules = try policy.load(spoolPolicy: options.layout.policyFile)
        var config = options.configuration
        let writer: MetricsFileWriter?
        let retention: Retention?
        do {
            (config.actions, writer) = try actions.make(layout: options.layout, role: "sweep", logger: logger)
            retention = try retentionDays.map { try Retention(layout: options.layout, maxAgeDays: $0) }
        } catch { throw SpoolOptions.fail(error) }
        let sweep = SpoolSweep(layout: options.layout, config: config, hook: matching.hook(logger: logger, policy: rules), logger: logger)
        let summary: WorkSummary
        do {
            summary = try SpoolOptions.runBlocking { try await sweep.run() }
        } catch {
            writeMetrics(writer)
            throw SpoolOptions.fail(error)
        }
        print("sweep: \(summary.line)")
        defer { writeMetrics(writer) }
        if rematch { try rematchDone(rules: rules) }
        if let retention {
            let result = retention.apply()
            for failure in result.failures { FileHandle.standardError.write(Data("spoolscan: \(failure)\n".utf8)) }
            print(result.summary(maxAgeDays: retention.maxAgeDays))
        }
        if summary.error > 0 { throw ExitCode(2) }
    }

    /// Writes the metrics file once, at the end (a failure is reported, not fatal: `HNDL-021`).
    private func writeMetrics(_ writer: MetricsFileWriter?) {
        do { try writer?.writeNow() } catch {
            FileHandle.standardError.write(Data("spoolscan: \(error)\n".utf8))
        }
    }

    /// Re-matches done/*.report.json and quarantine/*.report.json without opening any image; a
    /// changed verdict does not move a job between the two folders.
    private func rematchDone(rules: (policy: LoadedPolicy, vex: [VEXDocument])) throws {
        guard let path = matching.databasePath else {
            // Reports already carry a "no advisory database" warning; say it here too, but a
            // host without a database yet is no failure of the sweep.
            FileHandle.standardError.write(Data("spoolscan: \(SpoolscanError(.dbMissing, "rematch skipped: no --db and nothing at \(AdvisoryDatabase.defaultPath())"))\n".utf8))
            return
        }
        var result: ReportRematcher.Result
        do {
            let matcher = VulnerabilityMatcher(database: try AdvisoryDatabase(path: path))
            var rematcher = ReportRematcher(matcher: matcher, maxAgeDays: matching.maxDbAgeDays)
            let now = Date()
            rematcher.afterMatch = { _ = PolicyEvaluator(policy: rules.policy, vex: rules.vex, now: now).apply(to: &$0) }
            result = try rematcher.rematch(folder: options.layout.folder(.done))
            let quarantined = try rematcher.rematch(folder: options.layout.folder(.quarantine))
            result.rematched += quarantined.rematched
            result.failures += quarantined.failures
        } catch {
            throw failDB(error)
        }
        for failure in result.failures { FileHandle.standardError.write(Data("spoolscan: \(failure)\n".utf8)) }
        print("rematch: \(result.rematched) reports, \(result.failures.count) failed")
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
