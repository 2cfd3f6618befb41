import Advisories
import Foundation
import Logging
import Policy
import ScanReport
import Spool
import SpoolscanCore

/// The parsing stage of the spool: matches each new report against the advisory database
/// (opened afresh for every job, so an imported update is used from the next job on without a
/// restart), then decides its verdict.
struct ParsingStage {
    /// The database file to use, or nil (none named and none at the default path).
    let databasePath: String?
    /// Reports warn when the database is older than this.
    let maxDbAgeDays: Int

    /// The parsing-stage hook: match (when there is a database), then decide the verdict with
    /// `policy` (evaluated at the job's own time, so ignores expire in a long-running daemon),
    /// and add the job info. A database that becomes unusable while the worker runs (deleted,
    /// truncated, replaced by garbage) leaves the report with the `DB-007` warning for the
    /// nightly rematch; the verdict is still reached on what was found.
    func hook(logger: Logger, policy: (policy: LoadedPolicy, vex: [VEXDocument])) -> ReportHook {
        let maxAge = maxDbAgeDays
        let decide: @Sendable (inout Report) -> Void = { report in
            _ = PolicyEvaluator(policy: policy.policy, vex: policy.vex, now: Date()).apply(to: &report)
        }
        guard let path = databasePath else {
            return ReportHooks.transforming { report in
                report.warnings.set(.noDatabase)
                decide(&report)
            }
        }
        return ReportHooks.matching(logger: logger, { (report: inout Report) throws(SpoolscanError) in
            let matcher = VulnerabilityMatcher(database: try AdvisoryDatabase(path: path))
            report.warnings.remove(code: .vulnerabilitiesNotMatched)
            try matcher.match(&report, maxAgeDays: maxAge)
        }, then: decide)
    }

    /// Before a worker starts: a database that was named (`--db`, `$SPOOLSCAN_DB`, the settings
    /// file) or found at the default path must open, else the worker refuses to start with its
    /// code (`DB-001` missing, `DB-002` unreadable, `DB-005` schema) and no job is touched.
    func checkDatabase() throws(SpoolscanError) {
        guard let path = databasePath else { return }
        _ = try AdvisoryDatabase(path: path)
    }
}
