/// A job waiting in `pending/` with its receipt.
struct QueuedJob: Sendable, Equatable {
    var name: String
    var inode: UInt64
    var receivedAtNs: Int64
    /// Not started before this time (ns since the epoch): the backoff after a failed attempt.
    var notBeforeNs: Int64? = nil
    /// Held for a fault of the host: a sweep leaves it for a later run rather than waiting.
    var held = false
}

/// The pending jobs in order of receipt (FIFO by the time the worker first saw them; ties by name).
/// A job waiting out its backoff keeps its place; the jobs behind it start meanwhile.
struct JobQueue: Sendable {
    private(set) var ordered: [QueuedJob] = []

    var isEmpty: Bool { ordered.isEmpty }
    var count: Int { ordered.count }

    func contains(_ inode: UInt64) -> Bool { ordered.contains { $0.inode == inode } }

    /// Adds a job, or updates it (same inode) if queued already.
    mutating func insert(_ job: QueuedJob) {
        remove(job.inode)
        let index = ordered.firstIndex {
            ($0.receivedAtNs, $0.name) > (job.receivedAtNs, job.name)
        } ?? ordered.endIndex
        ordered.insert(job, at: index)
    }

    mutating func remove(_ inode: UInt64) {
        ordered.removeAll { $0.inode == inode }
    }
}
