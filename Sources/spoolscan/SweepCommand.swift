import ArgumentParser
import Spool

/// `spoolscan sweep`: one pass over the spool, for cron and timers.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Scan everything pending in a spool, then exit with a one-line summary.",
        discussion: "Safe while a daemon runs on the same spool: jobs are claimed by atomic rename.")

    @OptionGroup var options: SpoolOptions

    func run() throws {
        let logger = options.makeLogger()
        let sweep = SpoolSweep(layout: options.layout, config: options.configuration, logger: logger)
        let summary: WorkSummary
        do {
            summary = try SpoolOptions.runBlocking { try await sweep.run() }
        } catch {
            throw SpoolOptions.fail(error)
        }
        print("sweep: \(summary.line)")
    }
}
