import Advisories
import ArgumentParser
import Foundation
import ScanReport
import Spool

/// `--db` and `--max-db-age-days` for the spool commands: the parsing stage matches each new
/// report against the advisory database (opened afresh for every job, so an imported update
/// is used from the next job on without a restart).
struct MatchingOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "Advisory database for the parsing stage (default: $SPOOLSCAN_DB, /var/lib/spoolscan/advisories.db or ~/.cache/spoolscan/advisories.db, when it exists).")
    var path: String?

    @Option(help: "Warn in each report when the advisory database is older than this many days.")
    var maxDbAgeDays = 7

    /// The database file to use, or nil when none was given and none exists at the default path.
    var databasePath: String? {
        if let path { return path }
        let fallback = AdvisoryDatabase.defaultPath()
        return FileManager.default.fileExists(atPath: fallback) ? fallback : nil
    }

    /// The parsing-stage hook: match (when there is a database) and add the job info.
    var hook: ReportHook {
        let maxAge = maxDbAgeDays
        guard let path = databasePath else {
            return ReportHooks.transforming { report in
                report.warnings.set(.noDatabase)
            }
        }
        return ReportHooks.transforming { report in
            let matcher = VulnerabilityMatcher(database: try AdvisoryDatabase(path: path))
            report.warnings.remove(code: .vulnerabilitiesNotMatched)
            try matcher.match(&report, maxAgeDays: maxAge)
        }
    }
}
