/// How the spool handled the job that produced a report (set by the spool worker; nil for a
/// report from `spoolscan scan` run by hand).
public struct JobInfo: Codable, Sendable, Equatable {
    /// The artifact's name in `done/` (and the report's name without `.report.json`).
    public var name: String
    /// The name it was dropped under, when it had to be renamed to stay unique.
    public var originalName: String?
    /// When the worker first saw it (RFC 3339 UTC).
    public var receivedAt: String
    /// Scan attempts made, including the successful one.
    public var attempts: Int
    /// When the successful scan started (RFC 3339 UTC) and how long it took.
    public var scanStartedAt: String?
    public var scanDurationMs: Int?

    /// Job info for a report; `originalName` only when the job was renamed.
    public init(name: String, originalName: String? = nil, receivedAt: String, attempts: Int,
                scanStartedAt: String? = nil, scanDurationMs: Int? = nil) {
        self.name = name
        self.originalName = originalName
        self.receivedAt = receivedAt
        self.attempts = attempts
        self.scanStartedAt = scanStartedAt
        self.scanDurationMs = scanDurationMs
    }
}
