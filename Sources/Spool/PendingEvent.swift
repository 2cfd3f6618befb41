import SpoolscanCore

/// Something that happened in `pending/`, copied out of the inotify event.
public struct PendingEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// IN_MOVED_TO: renamed in, complete.
        case movedIn
        /// IN_CREATE or IN_CLOSE_WRITE: written in place, wait for it to settle.
        case written
        /// IN_Q_OVERFLOW or a read error: events were lost, rescan.
        case overflow
    }

    public var kind: Kind
    public var name: String

    /// An event about `name` in `pending/`.
    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }
}

/// Counts a worker reports: jobs finished, failed, held, and left to others or unready.
public struct WorkSummary: Sendable, Equatable {
    public var done = 0
    public var error = 0
    /// Jobs moved to `quarantine/` (their verdict is `fail` and the quarantine setting is on).
    public var quarantine = 0
    /// Jobs left in `pending/` because another worker had them or they never settled.
    public var skipped = 0
    /// Jobs left in `pending/` because a fault of the host (disk full, an unreadable artifact, the
    /// database) holds them; a later run tries them again.
    public var held = 0
    /// The cause of the most recent hold (`HNDL-007: disk full: …`), when ``held`` is not 0.
    public var holdCause: String?
    public var requeued = 0

    /// `done=N error=M skipped=K`, then ` held=H` and ` quarantine=Q` when any job is there.
    public var line: String {
        "done=\(done) error=\(error) skipped=\(skipped)" + (held > 0 ? " held=\(held)" : "")
            + (quarantine > 0 ? " quarantine=\(quarantine)" : "")
    }

    /// The coded line a sweep prints on stderr when jobs are held (`HNDL-011`), naming the cause;
    /// nil when none is.
    public var heldError: SpoolscanError? {
        guard held > 0 else { return nil }
        let jobs = held == 1 ? "1 job" : "\(held) jobs"
        return SpoolscanError(.jobsHeld, "\(jobs) left in pending/ (last cause: \(holdCause ?? "unknown")); a later run tries again")
    }
}
