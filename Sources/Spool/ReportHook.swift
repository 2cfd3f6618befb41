import Foundation
import Logging
import ScanReport
import SpoolscanCore

/// Turns the scanner's raw report into the final report: `(rawReportPath, finalReportPath, job)`.
///
/// The CLI may install its own (vulnerability matching plugs in here). What a thrown error does is
/// decided by its code's category: `artifact` sends the job to `error/` at once, `host` holds it
/// (not counted), `configuration` stops the worker, anything else is a counted, retried attempt
/// (`HNDL-001`; ENOSPC is `HNDL-007`, a host fault).
public typealias ReportHook = @Sendable (_ rawReportPath: String, _ finalReportPath: String, _ job: JobInfo) throws -> Void

/// The default hooks.
public enum ReportHooks {
    /// Decodes the raw report, adds the job info and writes it atomically (fsynced).
    public static let addJobInfo: ReportHook = transforming { _ in }

    /// Decodes the raw report, lets `transform` finish it (vulnerability matching plugs in
    /// here), adds the job info and writes it atomically (fsynced).
    public static func transforming(_ transform: @escaping @Sendable (inout Report) throws -> Void) -> ReportHook {
        return { raw, final, job in
            guard let data = FileManager.default.contents(atPath: raw) else {
                throw SystemCallError("read", raw, ENOENT)
            }
            var report = try ReportCodec.decode(Report.self, from: data)
            report.job = job
            try transform(&report)
            report.job = job
            // The scanner was given the in-progress path; the artifact lies beside its report.
            report.artifact.path = job.name
            try ReportCodec.writeAtomically(try ReportCodec.encode(report), to: final)
        }
    }

    /// Like ``transforming(_:)`` for vulnerability matching: when `match` fails for a fault of
    /// the host (the database missing, truncated or replaced by garbage: `DB-001`, `DB-002`),
    /// the report is finished without vulnerabilities and carries the warning `DB-007`
    /// (vulnerabilities not matched), which the nightly rematch clears; the job is not retried
    /// and no attempt is spent. Other errors propagate (a `configuration` code stops the worker).
    /// `then` runs after matching, matched or not (the policy's verdict plugs in here).
    public static func matching(logger: Logger,
                                _ match: @escaping @Sendable (inout Report) throws(SpoolscanError) -> Void,
                                then finish: @escaping @Sendable (inout Report) -> Void = { _ in }) -> ReportHook {
        transforming { report in
            defer { finish(&report) }
            let unmatched = report
            do throws(SpoolscanError) {
                try match(&report)
            } catch {
                guard error.code.category == .host else { throw error }
                report = unmatched
                report.warnings.add(ReportWarning(.vulnerabilitiesNotMatched,
                                                  "vulnerabilities were not matched: \(error.description)"))
                logger.warning("vulnerabilities not matched", metadata: [
                    "job": "\(report.job?.name ?? "-")", "code": "\(ErrorCode.vulnerabilitiesNotMatched.code)",
                    "cause": "\(error.code.code)", "error": "\(error)",
                ])
            }
        }
    }
}
