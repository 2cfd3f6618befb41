/// How one run of a claimed job ended.
enum JobOutcome: Sendable {
    /// Moved to `done/` (or `quarantine/`: `state`) under this name, with its report.
    case done(name: String, state: JobState)
    /// Moved to `error/` under this name, with its error record.
    case failed(name: String, code: String)
    /// Back in `pending/` (under this name) for another attempt, not before `notBeforeNs`.
    case requeued(name: String, inode: UInt64, cause: ExitCause, notBeforeNs: Int64?)
    /// Back in `pending/`, and the worker must stop taking jobs (a `configuration` fault).
    case stopped(name: String, inode: UInt64, reason: String)
    /// Another worker took it before this one could claim it (nothing was done to it).
    case lost(name: String)
    /// The worker could not go on (the spool is unusable); the job could not be put back.
    case fatal(String)
}
