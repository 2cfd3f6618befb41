import Foundation
import SpoolscanCore

/// A job this process owns: its artifact is in `in-progress/` and its job lock is held.
struct ClaimedJob: ~Copyable, Sendable {
    var name: String
    var inode: UInt64
    var lock: JobLock
}

/// Claiming a pending job: lock, then atomic rename `pending/X` → `in-progress/X`.
///
/// The rename is the claim: of two workers (a daemon and a sweep, two sweeps) exactly one
/// succeeds; the other gets ENOENT. The job lock is taken first so recovery can tell a claimed
/// job from an orphaned one. `RENAME_NOREPLACE` keeps a second job with the same name waiting
/// in `pending/` while the first is in flight.
/// Claims are not fsynced (see ``claim(_:name:inode:)``); moves to other states are.
/// Nothing here waits: a claim that needs to wait for a lock says so (``Result/replaced(name:inode:)``)
/// and the caller waits off the shared pool (``adoptReplaced(_:name:inode:timeoutMs:)``).
enum Claim {
    enum Result: ~Copyable, Sendable {
        case claimed(ClaimedJob)
        /// Another worker holds or took it (ENOENT, or its lock is held).
        case lost
        /// A job with the same name is in flight; try again later.
        case nameBusy
        /// The producer replaced `pending/NAME` after it was queued: the newer file (`inode`) was
        /// moved to `in-progress/` but its lock was busy. Finish with ``adoptReplaced(_:name:inode:timeoutMs:)``.
        case replaced(name: String, inode: UInt64)
    }

    static func claim(_ layout: SpoolLayout, name: String, inode: UInt64) throws(SpoolscanError) -> Result {
        guard let lock = try JobLock.tryAcquire(layout, inode) else { return .lost }
        let source = "\(layout.pending)/\(name)"
        let target = "\(layout.inProgress)/\(name)"
        let outcome: FileOps.RenameOutcome
        do {
            outcome = try FileOps.renameNoReplace(source, target)
        } catch {
            lock.release(removeFile: false)
            throw error
        }
        switch outcome {
        case .renamed: break
        case .sourceGone:
            lock.release(removeFile: false)
            return .lost
        case .targetExists:
            lock.release(removeFile: false)
            return .nameBusy
        }
        guard let moved = FileOps.lstat(target) else {
            lock.release(removeFile: false)
            return .lost
        }
        if moved.inode == inode {
            // No fsync here: a claim lost to a power cut leaves the job in pending/, and the attempt
            // about to start is counted in the fsynced job record anyway, so nothing is lost or doubled.
            return .claimed(ClaimedJob(name: name, inode: moved.inode, lock: lock))
        }
        // The producer replaced pending/NAME after we looked: we moved a newer file. Take its
        // lock (a competing claimer fails its rename and lets go at once).
        lock.release(removeFile: false)
        if let other = try JobLock.tryAcquire(layout, moved.inode) {
            return adopt(layout, name: name, inode: moved.inode, lock: other)
        }
        return .replaced(name: name, inode: moved.inode)
    }

    /// Finishes a ``Result/replaced(name:inode:)`` claim: waits up to `timeoutMs` for the newer
    /// file's lock on a thread of its own, never on the shared pool. `.lost` when it stays held or
    /// the file moved on meanwhile.
    static func adoptReplaced(_ layout: SpoolLayout, name: String, inode: UInt64,
                              timeoutMs: Int = 2_000) async throws(SpoolscanError) -> Result {
        guard let held = try await JobLock.waitForLock(layout, inode, timeoutMs: timeoutMs) else { return .lost }
        return adopt(layout, name: name, inode: inode, lock: held.take())
    }

    private static func adopt(_ layout: SpoolLayout, name: String, inode: UInt64, lock: consuming JobLock) -> Result {
        guard FileOps.lstat("\(layout.inProgress)/\(name)")?.inode == inode else {
            lock.release(removeFile: false)
            return .lost
        }
        return .claimed(ClaimedJob(name: name, inode: inode, lock: lock))
    }

    /// Moves a file into `to` under its name or, if taken, `NAME.1`, `NAME.2`, … (never replacing);
    /// returns the name used. For requeues and the move to `parsing/`.
    ///
    /// With `durable` (the default) both folders are fsynced. The move from `in-progress/` to
    /// `parsing/` passes `false`: recovery treats a job in either folder alike (requeued, or
    /// completed when its result is already linked), so a move lost to a power cut changes
    /// nothing, and the next durable step (the link into `done/` or `error/` and that folder's
    /// fsync) does not depend on it.
    static func move(_ layout: SpoolLayout, name: String, from: JobState, to: JobState,
                     durable: Bool = true) throws(SpoolscanError) -> String {
        let source = "\(layout.folder(from))/\(name)"
        let base = SpoolName.fitting(name, reserve: 6)
        for index in 0..<100_000 {
            let candidate = index == 0 ? name : "\(base).\(index)"
            switch try FileOps.renameNoReplace(source, "\(layout.folder(to))/\(candidate)") {
            case .targetExists: continue
            case .sourceGone: throw SystemCallError("rename", source, ENOENT).spoolscanError
            case .renamed:
                if durable {
                    try FileOps.syncDirectory(layout.folder(to))
                    try FileOps.syncDirectory(layout.folder(from))
                }
                return candidate
            }
        }
        throw SystemCallError("rename", source, EEXIST).spoolscanError
    }
}
