/// How one run of a claimed job ended.
enum JobOutcome: Sendable {
    /// Moved to `done/` under this name, with its report.
    case done(name: String)
    /// Moved to `error/` under this name, with its error record.
    case failed(name: String, code: String)
    /// Back in `pending/` (under this name) for another attempt.
    case requeued(name: String, inode: UInt64, cause: ExitCause)
    /// The worker could not go on (scanner missing, spool unusable); the job is back in `pending/`
    /// if that was possible.
    case fatal(String)
}
