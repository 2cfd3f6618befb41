import Foundation
import SpoolscanCore

/// The spool lock (`SPOOL/.lock`): `flock(LOCK_EX|LOCK_NB)`, held by the open descriptor for the
/// process's life. The daemon must hold it; a sweep takes it only to run recovery.
public final class SpoolLock: Sendable {
    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Takes the lock, or returns nil when another process holds it.
    public static func tryAcquire(_ layout: SpoolLayout) throws(SpoolscanError) -> SpoolLock? {
        let fd = open(layout.lockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemCallError("open", layout.lockFile).spoolscanError }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        ftruncate(fd, 0)
        let text = "\(getpid())\n"
        _ = text.withCString { write(fd, $0, strlen($0)) }
        return SpoolLock(fd: fd)
    }

    /// Takes the lock or throws `HNDL-008` naming the holder. Waits up to `waitMs` first, since
    /// a sweep holds the lock briefly while it recovers jobs. Blocks its thread (async code runs it
    /// through ``BlockingWork``).
    @available(*, noasync, message: "blocks its thread: run it through BlockingWork")
    public static func acquireOrThrow(_ layout: SpoolLayout, waitMs: Int = 2_000) throws(SpoolscanError) -> SpoolLock {
        let deadline = Timestamp.monotonicNs() + Int64(waitMs) * 1_000_000
        repeat {
            if let lock = try tryAcquire(layout) { return lock }
            usleep(50_000)
        } while Timestamp.monotonicNs() < deadline
        let holder = FileOps.read(layout.lockFile).flatMap { String(data: $0, encoding: .utf8) }?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? "?"
        throw SpoolscanError(.spoolLocked, "\(layout.lockFile) is held by pid \(holder)")
    }

    /// Releases the lock early (a sweep, after recovery).
    public func release() { close(fd) }
}
