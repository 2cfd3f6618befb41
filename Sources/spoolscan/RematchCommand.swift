import Advisories
import ArgumentParser
import Foundation
import Policy
import ScanReport
import SpoolscanCore

/// `spoolscan rematch --spool DIR`: re-match finished reports against the current database
/// without opening the images again.
struct RematchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rematch",
        abstract: "Re-match every done/*.report.json in a spool against the current advisory database."
    )

    @Option(help: "Spool folder (reports are read from and written to DIR/done; default ./spool).")
    var spool: String = "./spool"

    @OptionGroup var database: DatabasePathOption

    @OptionGroup var age: DatabaseAgeOption

    @OptionGroup var policy: PolicyOptions

    @Flag(name: [.short, .long], help: "Print no summary line (errors still go to stderr).")
    var quiet = false

    func run() throws {
        let result: ReportRematcher.Result
        let evaluator = try policy.evaluator()
        do {
            let maxAgeDays = try age.days()
            let db = try AdvisoryDatabase(path: database.resolved)
            try SpoolPresence.require(spool, folders: ["done"])
            var rematcher = ReportRematcher(matcher: VulnerabilityMatcher(database: db), maxAgeDays: maxAgeDays)
            rematcher.afterMatch = { evaluator.apply(to: &$0) }
            result = try rematcher.rematch(folder: (spool as NSString).appendingPathComponent("done"))
        } catch {
            throw failDB(error)
        }
        for failure in result.failures { ErrorLine.write(failure: failure, fallback: .handlerSendStatus) }
        if !quiet { print(String(format: "rematched %d reports (%d failed), %d packages matched in %.1f ms (%.1f ms CPU)",
                     result.rematched, result.failures.count, result.packages, result.matchSeconds * 1000,
                     result.matchCPUSeconds * 1000)) }
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
