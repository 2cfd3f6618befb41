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
    static func tryAcquire(_ layout: SpoolLayout, _ inode: UInt64) throws -> JobLock? {
        let path = layout.jobLock(inode)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemCallError("open", path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            return nil
        }
        return JobLock(fd: fd, path: path, inode: inode)
    }

    /// Waits up to `timeoutMs` for the lock (callers run it off the shared pool or for moments).
    static func acquire(_ layout: SpoolLayout, _ inode: UInt64, timeoutMs: Int) throws -> JobLock? {
        let deadline = Timestamp.monotonicNs() + Int64(timeoutMs) * 1_000_000
        while true {
            if let lock = try tryAcquire(layout, inode) { return lock }
            if Timestamp.monotonicNs() > deadline { return nil }
            usleep(20_000)
        }
    }

    /// Releases the lock; with `removeFile`, the lock file goes first (the job has left the queue).
    consuming func release(removeFile: Bool) {
        if removeFile { FileOps.remove(path) }
    }
}
