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

/// Counts a worker reports: jobs finished, failed, and left to others or unready.
public struct WorkSummary: Sendable, Equatable {
    public var done = 0
    public var error = 0
    /// Jobs moved to `quarantine/` (their verdict is `fail` and the quarantine setting is on).
    public var quarantine = 0
    public var skipped = 0
    public var requeued = 0

    /// `done=N error=M skipped=K`, then ` quarantine=Q` when any job went there.
    public var line: String {
        "done=\(done) error=\(error) skipped=\(skipped)" + (quarantine > 0 ? " quarantine=\(quarantine)" : "")
    }
}
