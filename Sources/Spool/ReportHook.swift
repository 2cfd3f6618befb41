import Foundation
import ScanReport

/// Turns the scanner's raw report into the final report: `(rawReportPath, finalReportPath, job)`.
///
/// The CLI may install its own (vulnerability matching plugs in here). A hook that throws a
/// `SpoolscanError` with a `SCAN-*` code sends the job to `error/` at once; any other error counts
/// as a failed attempt (`HNDL-001`, or `HNDL-007` for ENOSPC) and the job is retried.
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
            try transform(&report)
            report.job = job
            try ReportCodec.writeAtomically(try ReportCodec.encode(report), to: final)
        }
    }
}
