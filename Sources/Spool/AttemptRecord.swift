import SpoolscanCore
/// One scan attempt of a job, as recorded durably before and after the scanner runs.
public struct AttemptRecord: Codable, Sendable, Equatable {
    /// 1-based attempt number (counted and uncounted attempts alike).
    public var number: Int
    /// When the scanner was started (RFC 3339 UTC).
    public var startedAt: String
    public var startedAtNs: Int64
    /// Wall time the scanner ran; nil while it runs or if the worker died meanwhile.
    public var durationMs: Int?
    /// Why it ended: `success`, `bad-input`, `timeout`, `crashed`, `out-of-memory`, `disk-full`,
    /// `report-failed`, `host-fault`, `configuration`, `interrupted` (the worker died), `shutdown`.
    public var cause: ExitKind?
    /// The error code of the cause (`HNDL-004`, `SCAN-003`, …); nil on success.
    public var code: String?
    /// Human detail: exit status, signal, message.
    public var detail: String?
    /// The last 4 KiB of the scanner's stderr.
    public var stderrTail: String?
    /// Whether it counts against the three attempts (a shutdown kill and a fault of the host do not).
    public var counted: Bool

    /// An attempt starting now-ish at `startedAtNs` (ns since the epoch).
    public init(number: Int, startedAtNs: Int64, counted: Bool = true) {
        self.number = number
        self.startedAtNs = startedAtNs
        self.startedAt = Timestamp.rfc3339(ns: startedAtNs)
        self.counted = counted
    }
}
