/// Who holds a lease: the host's name and this daemon run (a random id), so a restarted daemon
/// can tell its own dead predecessor's jobs from another host's.
public struct LedgerOwner: Sendable, Equatable {
    public var host: String
    public var instance: String

    public init(host: String, instance: String) {
        self.host = host
        self.instance = instance
    }
}

/// A ready file in `pending/`, to be registered once in the shared ledger.
public struct LedgerDrop: Sendable, Equatable {
    public var name: String
    public var inode: UInt64
    public var size: Int64
    public var mtimeNs: Int64

    public init(name: String, inode: UInt64, size: Int64, mtimeNs: Int64) {
        self.name = name
        self.inode = inode
        self.size = size
        self.mtimeNs = mtimeNs
    }

    /// The unique key: the name and the file's identity (inode, size, mtime), so a renamed file
    /// or a new file under an old name is a job of its own, and a file seen by many hosts is one.
    public var key: String { LedgerJob.key(name: name, inode: inode, size: size, mtimeNs: mtimeNs) }
}

/// A job row as the ledger hands it to the host that claimed (or rescues) it.
public struct LedgerJob: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var inode: UInt64
    public var size: Int64
    public var mtimeNs: Int64
    public var receivedAtNs: Int64
    /// The fencing token: the number of claims so far (this claim's, while it runs). Results are
    /// committed only while the row still carries it.
    public var token: Int64
    /// Attempts that count against the limit, this one included.
    public var counted: Int
    /// Attempts held for a fault of the host (not counted), for the hold's backoff.
    public var held: Int
    /// Claimed with the attempts already used up: the job goes to `error/` without a scan.
    public var exhausted: Bool

    public init(id: Int64, name: String, inode: UInt64, size: Int64, mtimeNs: Int64, receivedAtNs: Int64,
                token: Int64, counted: Int, held: Int, exhausted: Bool) {
        self.id = id
        self.name = name
        self.inode = inode
        self.size = size
        self.mtimeNs = mtimeNs
        self.receivedAtNs = receivedAtNs
        self.token = token
        self.counted = counted
        self.held = held
        self.exhausted = exhausted
    }

    /// The ledger's unique key for a name and file identity.
    public static func key(name: String, inode: UInt64, size: Int64, mtimeNs: Int64) -> String {
        "\(inode):\(size):\(mtimeNs)/\(name)"
    }
}

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

/// The shared ledger several daemons coordinate through (PostgreSQL in `SharedQueue`).
///
/// Each closure runs while the job's row is locked (`SELECT … FOR UPDATE`), on the ledger's own
/// thread, and must only move files: so a host whose lease expired never renames or finalises a
/// job another host now owns.
public protocol JobLedger: Sendable {
    /// Registers ready files (one round trip for all); returns how many were new.
    func register(_ drops: [LedgerDrop], by owner: LedgerOwner) async throws -> Int
    /// Claims the oldest pending job whose backoff is over (`FOR UPDATE SKIP LOCKED`), letting
    /// `move` rename its file; returns it with its new token and lease, or nil when none is ready.
    func claim(_ owner: LedgerOwner, leaseSeconds: Double, maxAttempts: Int,
               move: @escaping @Sendable (LedgerJob) -> ClaimMove) async throws -> LedgerJob?
    /// Extends the leases of these jobs (id, token); returns the ids still held.
    func renew(_ owner: LedgerOwner, jobs: [(Int64, Int64)], leaseSeconds: Double) async throws -> Set<Int64>
    /// Records the attempt's end and, while the row still carries `job.token`, lets `move` finish
    /// or requeue the job (it gets the attempt history); false when the lease was lost.
    func finish(_ job: LedgerJob, attempt: AttemptEnd?,
                move: @escaping @Sendable (LedgerJob, [AttemptRecord]) throws -> FinishMove) async throws -> Bool
    /// Puts back jobs whose lease expired (their attempt stays counted); returns how many.
    func rescueExpired(_ owner: LedgerOwner, move: @escaping @Sendable (LedgerJob) -> RescueMove) async throws -> Int
    /// Ends the leases a previous run of this host left (it died): they are rescued at once.
    func expirePreviousRuns(_ owner: LedgerOwner) async throws -> Int
    /// Records this daemon (host, run, slot count) for `status`; called on every heartbeat.
    func announce(_ owner: LedgerOwner, slots: Int) async throws
    /// Tells the other daemons that jobs were registered or freed.
    func notify() async throws
    /// Waits up to `timeoutMs` for another daemon's notification; true when one came.
    func waitForNotification(timeoutMs: Int) async throws -> Bool
}
