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

    @Option(help: "Spool folder (reports are read from and written to DIR/done).")
    var spool: String

    @OptionGroup var database: DatabasePathOption

    @Option(help: "Age in days after which the database counts as stale (a warning in each report).")
    var maxAgeDays = 7

    @OptionGroup var policy: PolicyOptions

    func run() throws {
        let result: ReportRematcher.Result
        let evaluator = try policy.evaluator()
        do {
            let db = try AdvisoryDatabase(path: database.resolved)
            var rematcher = ReportRematcher(matcher: VulnerabilityMatcher(database: db), maxAgeDays: maxAgeDays)
            rematcher.afterMatch = { evaluator.apply(to: &$0) }
            result = try rematcher.rematch(folder: (spool as NSString).appendingPathComponent("done"))
        } catch {
            throw failDB(error)
        }
        for failure in result.failures { FileHandle.standardError.write(Data("spoolscan: \(failure)\n".utf8)) }
        print(String(format: "rematched %d reports (%d failed), %d packages matched in %.1f ms (%.1f ms CPU)",
                     result.rematched, result.failures.count, result.packages, result.matchSeconds * 1000,
                     result.matchCPUSeconds * 1000))
        if !result.failures.isEmpty { throw ExitCode(1) }
    }
}
