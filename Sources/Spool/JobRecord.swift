/// What the spool knows durably about one job in flight: its receipt (when the worker first
/// saw it, which fixes its place in the FIFO queue) and its attempts.
///
/// Stored as `.state/jobs/INODE.json`. The inode follows the artifact through every rename;
/// size and mtime (which renames keep) guard against a reused inode.
public struct JobRecord: Codable, Sendable, Equatable {
    public var inode: UInt64
    public var size: Int64
    public var mtimeNs: Int64
    /// The name it was dropped under.
    public var originalName: String
    /// When the worker first saw it (ns since the epoch); the queue's order.
    public var receivedAtNs: Int64
    public var attempts: [AttemptRecord]
    /// The worker process running it now (daemon or sweep), if any.
    public var owner: ProcessIdentity?
    /// The scanner's pid (also its process group), while it runs.
    public var scannerPid: Int32?
    /// After a failed or held attempt: not started again before this time (ns since the epoch).
    public var notBeforeNs: Int64?

    init(inode: UInt64, size: Int64, mtimeNs: Int64, originalName: String, receivedAtNs: Int64) {
        self.inode = inode
        self.size = size
        self.mtimeNs = mtimeNs
        self.originalName = originalName
        self.receivedAtNs = receivedAtNs
        self.attempts = []
    }

    /// Attempts that count against the limit.
    public var countedAttempts: Int { attempts.filter(\.counted).count }

    /// Attempts held for a fault of the host (not counted), for the hold's backoff.
    var heldAttempts: Int { attempts.filter { !$0.counted && $0.cause != .shutdown }.count }

    /// Whether this record describes the file `stat` describes.
    func matches(_ stat: FileStat) -> Bool {
        stat.inode == inode && stat.size == size && stat.mtimeNs == mtimeNs
    }
}
