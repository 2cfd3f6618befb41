import Foundation

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
enum Claim {
    enum Result: ~Copyable, Sendable {
        case claimed(ClaimedJob)
        /// Another worker holds or took it (ENOENT, or its lock is held).
        case lost
        /// A job with the same name is in flight; try again later.
        case nameBusy
    }

    static func claim(_ layout: SpoolLayout, name: String, inode: UInt64) throws -> Result {
        guard let lock = try JobLock.tryAcquire(layout, inode) else { return .lost }
        let source = "\(layout.pending)/\(name)"
        let target = "\(layout.inProgress)/\(name)"
        do {
            try FileOps.renameNoReplace(source, target)
        } catch let error as SystemCallError {
            lock.release(removeFile: false)
            switch error.code {
            case ENOENT: return .lost
            case EEXIST: return .nameBusy
            default: throw error
            }
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
        guard let other = try JobLock.acquire(layout, moved.inode, timeoutMs: 2_000) else { return .lost }
        guard FileOps.lstat(target)?.inode == moved.inode else {
            other.release(removeFile: false)
            return .lost
        }
        return .claimed(ClaimedJob(name: name, inode: moved.inode, lock: other))
    }

    /// Moves a file into `to` under its name or, if taken, `NAME.1`, `NAME.2`, … (never replacing);
    /// returns the name used. For requeues and the move to `parsing/`.
    static func move(_ layout: SpoolLayout, name: String, from: JobState, to: JobState) throws -> String {
        let source = "\(layout.folder(from))/\(name)"
        let base = SpoolName.fitting(name, reserve: 6)
        for index in 0..<100_000 {
            let candidate = index == 0 ? name : "\(base).\(index)"
            do {
                try FileOps.renameNoReplace(source, "\(layout.folder(to))/\(candidate)")
                try FileOps.syncDirectory(layout.folder(to))
                try FileOps.syncDirectory(layout.folder(from))
                return candidate
            } catch let error as SystemCallError where error.code == EEXIST {
                continue
            }
        }
        throw SystemCallError("rename", source, EEXIST)
    }
}
