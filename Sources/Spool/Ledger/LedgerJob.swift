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
