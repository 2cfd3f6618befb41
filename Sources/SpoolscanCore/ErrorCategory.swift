/// What kind of fault an ``ErrorCode`` names. The spool decides from it whether a job is
/// failed at once, held and tried again later, or retried with the attempt counted.
public enum ErrorCategory: String, Sendable, Codable, CaseIterable {
    /// The artifact itself is bad (not an image, corrupt, hostile): the job fails at once, never retried.
    case artifact
    /// A condition of the host (disk full, database outage, a file that cannot be read now):
    /// the job is held and tried again later; the artifact's attempts are not spent on it.
    case host
    /// A setting that is wrong for every job: the daemon refuses to start or pauses intake;
    /// no artifact's attempts are spent on it.
    case configuration
    /// The scan itself failed in a way that may pass (crash, time-out, out of memory): retried,
    /// each attempt counted, at most three.
    case `internal`
}
