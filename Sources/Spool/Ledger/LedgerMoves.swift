/// What the claiming host did with the file while it held the row lock.
public enum ClaimMove: Sendable, Equatable {
    /// Renamed `pending/NAME` to `in-progress/NAME`: the job runs here.
    case claimed
    /// Found already in `in-progress/` (a claimer died between its rename and its commit): taken
    /// over, unless another row for the same file is running.
    case takenOver
    /// Another job of the same name is in flight: left in `pending/` for a moment.
    case nameBusy
    /// The file is gone (deleted or replaced by the producer).
    case gone
    /// The file already sits in `done/`, `quarantine/` or `error/` under this name (a host died
    /// after its final move but before its commit).
    case finished(JobState, String)
}

/// How an attempt ended, for the ledger's attempt history.
public struct AttemptEnd: Sendable, Equatable {
    public var durationMs: Int
    public var cause: ExitKind
    public var code: String?
    public var detail: String?
    public var stderrTail: String?
    public var counted: Bool
}

/// The owner's decision after an attempt, carried out on the files under the row lock.
public enum FinishMove: Sendable, Equatable {
    /// Moved to `done/`, `quarantine/` or `error/` under this name.
    case finished(JobState, String, code: String?, message: String?)
    /// Back in `pending/` under `name`, not started again for `delaySeconds`; `hold`: the attempt
    /// does not count.
    case requeued(name: String, delaySeconds: Double, hold: Bool)
}

/// What a rescuing host found and did for a job whose lease expired.
public enum RescueMove: Sendable, Equatable {
    /// The file is back in `pending/` under this name (the interrupted attempt stays counted).
    case requeued(String)
    case finished(JobState, String)
    case gone
}
