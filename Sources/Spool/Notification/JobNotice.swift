import Foundation
import ScanReport
import SpoolscanCore

/// What the spool tells the outside world when a job is finished: its final state, where its
/// files are, the policy's verdict, the error code and the findings counted. The notification
/// hook gets it as environment variables (``environment``) and the metrics count it.
public struct JobNotice: Sendable, Equatable {
    /// The folder a finished job ends in.
    public enum State: String, Sendable, CaseIterable {
        case done, error, quarantine
    }

    public var state: State
    /// The artifact's name in its final folder.
    public var name: String
    /// The name it was dropped under, when it had to be renamed to stay unique.
    public var originalName: String?
    /// The spool's root folder.
    public var spool: String
    /// Absolute path of the artifact in its final folder.
    public var artifactPath: String
    /// Absolute path of the job's JSON record: `NAME.report.json`, or `NAME.error.json` in `error/`.
    public var reportPath: String
    /// `pass`, `fail`, or `none` when no policy was evaluated (and for failed jobs).
    public var verdict: String
    /// The error code of a failed job (`SCAN-003`, `HNDL-004`, …); nil otherwise.
    public var errorCode: String?
    public var errorMessage: String?
    public var findings: FindingCounts
    /// Scan attempts made.
    public var attempts: Int?
    /// How long the successful scan took.
    public var scanDurationMs: Int?
    /// When the advisory database the report was matched against was built (RFC 3339).
    public var databaseBuiltAt: String?
    /// When the job reached its final state (RFC 3339 UTC).
    public var finishedAt: String

    /// The notice for a scanned job (`done/` or `quarantine/`) from its final report.
    public init(report: Report, state: State, spool: String, artifactPath: String, reportPath: String,
                finishedAt: String? = nil) {
        self.state = state
        self.name = report.job?.name ?? (artifactPath as NSString).lastPathComponent
        self.originalName = report.job?.originalName
        self.spool = spool
        self.artifactPath = artifactPath
        self.reportPath = reportPath
        self.verdict = report.verdict?.result.rawValue ?? "none"
        self.findings = FindingCounts(report)
        self.attempts = report.job?.attempts
        self.scanDurationMs = report.job?.scanDurationMs
        self.databaseBuiltAt = report.database?.builtAt
        self.finishedAt = finishedAt ?? Timestamp.rfc3339(ns: Timestamp.nowNs())
    }

    /// The notice for a job in `error/` from its error record.
    public init(error record: ErrorRecord, spool: String, artifactPath: String, reportPath: String) {
        self.state = .error
        self.name = record.name
        self.originalName = record.originalName
        self.spool = spool
        self.artifactPath = artifactPath
        self.reportPath = reportPath
        self.verdict = "none"
        self.errorCode = record.code
        self.errorMessage = record.message
        self.findings = FindingCounts()
        self.attempts = record.attempts
        self.finishedAt = record.failedAt
    }

    /// Reads the notice of the finished job `name` from its record in `SPOOL/STATE/`.
    /// Throws `HNDL-001` when the record is missing or unreadable.
    public static func read(layout: SpoolLayout, state: State, name: String) throws(SpoolscanError) -> JobNotice {
        let folder = "\(layout.root)/\(state.rawValue)"
        let artifact = "\(folder)/\(name)"
        let record = artifact + FinishedFiles.recordSuffix(inFolder: state.rawValue)
        guard let data = FileOps.read(record) else {
            throw SpoolscanError(.handlerSendStatus, "cannot read \(record)")
        }
        do {
            switch state {
            case .error:
                let decoded = try JSONDecoder().decode(ErrorRecord.self, from: data)
                return JobNotice(error: decoded, spool: layout.root, artifactPath: artifact, reportPath: record)
            case .done, .quarantine:
                let report = try ReportCodec.decode(Report.self, from: data)
                var notice = JobNotice(report: report, state: state, spool: layout.root, artifactPath: artifact,
                                       reportPath: record)
                notice.name = name
                return notice
            }
        } catch {
            throw SpoolscanError(.handlerSendStatus, "\(record) is not a valid record: \(error)")
        }
    }
}
