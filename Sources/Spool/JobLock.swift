import Foundation
import SpoolscanCore

/// The per-job lock: `flock` on `.state/locks/INODE.lock`, taken before a job is claimed and held
/// by its worker and (inherited as fd 3) by its scanner process.
///
/// Recovery requeues a job from `in-progress/` or `parsing/` only while holding its lock, so a
/// job a live worker runs — or whose orphaned scanner still runs — is never taken from it.
/// The lock owns its descriptor: it cannot be copied, and it is closed (the lock let go) exactly
/// once, when the value ends — by ``release(removeFile:)`` or at the end of its scope.
struct JobLock: ~Copyable, Sendable {
    let fd: Int32
    let path: String
    let inode: UInt64

    private init(fd: Int32, path: String, inode: UInt64) {
        self.fd = fd
        self.path = path
        self.inode = inode
    }

    deinit { close(fd) }

    /// Takes the lock without waiting; nil if someone holds it.
    static func tryAcquire(_ layout: SpoolLayout, _ inode: UInt64) throws(SpoolscanError) -> JobLock? {
        let path = layout.jobLock(inode)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemCallError("open", path).spoolscanError }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            return nil
        }
        return JobLock(fd: fd, path: path, inode: inode)
    }

    /// Waits up to `timeoutMs` for the lock, polling; nil when it stays held. It blocks its
    /// thread: async code calls ``waitForLock(_:_:timeoutMs:)`` (the compiler refuses this there).
    @available(*, noasync, message: "blocks its thread: use JobLock.waitForLock, which waits off the shared pool")
    static func acquire(_ layout: SpoolLayout, _ inode: UInt64, timeoutMs: Int) throws(SpoolscanError) -> JobLock? {
        let deadline = Timestamp.monotonicNs() + Int64(timeoutMs) * 1_000_000
        while true {
            if let lock = try tryAcquire(layout, inode) { return lock }
            if Timestamp.monotonicNs() > deadline { return nil }
            usleep(20_000)
        }
    }

    /// Waits up to `timeoutMs` for the lock on a thread of its own (``BlockingWork``), so the
    /// shared concurrency pool — as wide as the cores — keeps running other jobs meanwhile.
    static func waitForLock(_ layout: SpoolLayout, _ inode: UInt64, timeoutMs: Int) async throws(SpoolscanError) -> Held? {
        try await BlockingWork.run { () throws(SpoolscanError) -> Held? in
            guard let lock = try acquire(layout, inode, timeoutMs: timeoutMs) else { return nil }
            return Held(lock)
        }
    }

    /// Releases the lock; with `removeFile`, the lock file goes first (the job has left the queue).
    consuming func release(removeFile: Bool) {
        if removeFile { FileOps.remove(path) }
    }

    /// A lock carried across threads or tasks (the lock itself cannot be copied); taken once.
    final class Held: @unchecked Sendable {
        private var lock: JobLock?
        init(_ lock: consuming JobLock) { self.lock = .some(lock) }
        /// The lock; may be taken once.
        func take() -> JobLock { lock.take()! }
    }
}
