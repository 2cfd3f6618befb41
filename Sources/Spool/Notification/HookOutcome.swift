import SpoolscanCore

/// How one run of the notification hook ended. Never changes the job it was about.
public struct HookOutcome: Sendable, Equatable {
    public enum Result: String, Sendable, CaseIterable {
        /// Exit status 0.
        case succeeded
        /// A non-zero exit or a signal.
        case failed
        /// Killed after the timeout.
        case timedOut = "timed_out"
        /// The program was not found, not executable, or could not be spawned.
        case notStarted = "not_started"
        /// The queue was full or closed; the hook was never run for this notice.
        case dropped
    }

    /// The job's name.
    public var job: String
    public var result: Result
    /// How it ended (`exit 3`, `signal 15 (Terminated)`, `timed out after 5 s`, …).
    public var detail: String
    /// The last line of the hook's stderr (at most 300 characters).
    public var stderrLastLine: String
    public var durationMs: Int

    /// `HNDL-020` for every result but success.
    public var code: ErrorCode? { result == .succeeded ? nil : .notificationHookFailed }
}
