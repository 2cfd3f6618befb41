import Foundation
import Logging
import SpoolscanCore

/// Puts jobs a dead worker left in `in-progress/` or `parsing/` back into the queue.
///
/// Only the spool-lock holder runs it. A job is touched only while holding its job lock: a job
/// whose lock is held by a live worker (a sweep) is left alone; one whose worker died but whose
/// orphaned scanner still holds the lock has that scanner's process group killed first. The
/// interrupted attempt stays counted (it was recorded before the scanner started). A job that
/// was already linked into `done/`/`quarantine/`/`error/` with its sidecar is completed instead of rescanned.
struct Recovery {
    let layout: SpoolLayout
    let logger: Logger
    /// Told about each job recovery finishes (notification hook, metrics).
    var actions: FinishedJobActions?

    struct Result: Sendable, Equatable {
        var requeued = 0
        var completed = 0
        var busy = 0
    }

    /// Recovers every orphaned job. `waitForOrphansMs`: how long to wait for a killed orphan
    /// scanner to release its job. Blocks its thread on job locks (async code runs it through
    /// ``BlockingWork``).
    @discardableResult
    @available(*, noasync, message: "waits on job locks: run it through BlockingWork")
    func run(waitForOrphansMs: Int = 5_000) -> Result {
        var result = Result()
        for state in [JobState.inProgress, .parsing] {
            for entry in (try? FileOps.list(layout.folder(state))) ?? [] where !entry.name.hasPrefix(".") {
                recover(entry.name, in: state, waitMs: waitForOrphansMs, &result)
            }
        }
        return result
    }

    private func recover(_ name: String, in state: JobState, waitMs: Int, _ result: inout Result) {
        let path = "\(layout.folder(state))/\(name)"
        guard let stat = FileOps.lstat(path), stat.isRegular else { return }
        let receipts = Receipts(layout: layout)
        guard let lock = takeLock(name, stat.inode, receipts: receipts, waitMs: waitMs) else {
            result.busy += 1
            return
        }
        recoverLocked(name, in: state, path: path, stat: stat, receipts: receipts, &result)
        lock.release(removeFile: false)
    }

    /// The job's lock: free, or taken from a dead worker's orphaned scanner (killed first); nil
    /// when a live worker holds it.
    private func takeLock(_ name: String, _ inode: UInt64, receipts: Receipts, waitMs: Int) -> JobLock? {
        if let lock = try? JobLock.tryAcquire(layout, inode) { return lock }
        let record = receipts.load(inode)
        // Held by a live worker, or by one we cannot name: leave it.
        guard let owner = record?.owner, !owner.isAlive else { return nil }
        // Its worker died but its scanner still holds the job lock: kill the scanner's process
        // group (by the recorded pid, or found through /proc if the pid was never recorded).
        if let pid = record?.scannerPid, pid > 0 {
            ChildProcess.signalGroup(pid, SIGKILL)
            logger.warning("killing orphaned scanner", metadata: ["job": "\(name)", "pid": .stringConvertible(pid)])
        }
        if let lock = try? JobLock.acquire(layout, inode, timeoutMs: min(waitMs, 500)) { return lock }
        let holders = LockHolders.killScanners(holding: layout.jobLock(inode))
        logger.warning("killing orphaned scanner", metadata: ["job": "\(name)", "pids": "\(holders)"])
        return try? JobLock.acquire(layout, inode, timeoutMs: waitMs)
    }

    private func recoverLocked(_ name: String, in state: JobState, path: String, stat: FileStat, receipts: Receipts,
                               _ result: inout Result) {
        guard let current = FileOps.lstat(path), current.inode == stat.inode else { return }
        let finalizer = Finalizer(layout: layout)
        if current.linkCount > 1, let (finalState, finalName) = finalizer.findFinished(current.inode) {
            let suffix = SpoolLayout.recordSuffix(finalState)
            if FileOps.lstat("\(layout.folder(finalState))/\(finalName)\(suffix)") != nil {
                try? finalizer.complete(from: state, name: name, to: finalState)
                receipts.delete(current.inode)
                FileOps.removeTree(layout.workFolder(current.inode))
                FileOps.remove(layout.jobLock(current.inode))
                logger.info("recovered finished job", metadata: ["job": "\(name)", "to": "\(finalState.rawValue)",
                                                                 "name": "\(finalName)"])
                if let notice = JobNotice.State(rawValue: finalState.rawValue) {
                    actions?.jobFinished(layout: layout, state: notice, name: finalName)
                }
                result.completed += 1
                return
            }
            finalizer.unreserve(to: finalState, name: finalName)
        }
        do {
            var record = try receipts.receive(name, current, seenAtNs: current.mtimeNs)
            if let last = record.attempts.indices.last, record.attempts[last].cause == nil {
                record.attempts[last].cause = ExitCause.interrupted.kind
                record.attempts[last].code = ExitCause.interrupted.code
                record.attempts[last].detail = ExitCause.interrupted.detail
            }
            record.owner = nil
            record.scannerPid = nil
            try receipts.save(record)
            let queued = try Claim.move(layout, name: name, from: state, to: .pending)
            FileOps.removeTree(layout.workFolder(current.inode))
            logger.warning("requeued after restart", metadata: [
                "job": "\(name)", "from": "\(state.rawValue)", "to": "pending", "name": "\(queued)",
                "attempts": .stringConvertible(record.countedAttempts),
            ])
            result.requeued += 1
        } catch {
            logger.error("cannot requeue", metadata: ["job": "\(name)", "error": "\(error)"])
        }
    }

    /// Removes records, work folders and lock files of jobs no longer in flight (the artifact was
    /// deleted, or a crash came after the job finished).
    func collectGarbage() {
        var live = Set<UInt64>()
        for state in [JobState.pending, .inProgress, .parsing] {
            for entry in (try? FileOps.list(layout.folder(state))) ?? [] { live.insert(entry.inode) }
        }
        let receipts = Receipts(layout: layout)
        for inode in receipts.allInodes() where !live.contains(inode) {
            guard let lock = try? JobLock.tryAcquire(layout, inode) else { continue }
            receipts.delete(inode)
            FileOps.removeTree(layout.workFolder(inode))
            lock.release(removeFile: true)
        }
        for entry in (try? FileOps.list(layout.work)) ?? [] {
            if let inode = UInt64(entry.name), !live.contains(inode), receipts.load(inode) == nil {
                FileOps.removeTree("\(layout.work)/\(entry.name)")
            }
        }
        // Hard-link copies and rejections cut short by a kill (`.copy-PID-RANDOM`, `.reject-PID-RANDOM`).
        for entry in (try? FileOps.list(layout.work)) ?? []
        where entry.name.hasPrefix(".copy-") || entry.name.hasPrefix(".reject-") {
            let parts = entry.name.split(separator: "-")
            guard parts.count == 3, let pid = Int32(parts[1]), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = "\(layout.work)/\(entry.name)"
            if FileOps.lstat(path)?.isDirectory == true { FileOps.removeTree(path) } else { FileOps.remove(path) }
        }
        // Temporary files of atomic writes cut short by a kill (`.NAME.PID.RANDOM.tmp`, writer dead).
        for folder in [layout.jobs, layout.state] {
            for entry in (try? FileOps.list(folder)) ?? [] where entry.name.hasPrefix(".") && entry.name.hasSuffix(".tmp") {
                let parts = entry.name.split(separator: ".")
                guard parts.count >= 3, let pid = Int32(parts[parts.count - 3]), kill(pid, 0) != 0, errno == ESRCH
                else { continue }
                FileOps.remove("\(folder)/\(entry.name)")
            }
        }
        for entry in (try? FileOps.list(layout.locks)) ?? [] where entry.name.hasSuffix(".lock") {
            guard let inode = UInt64(entry.name.dropLast(5)), !live.contains(inode), receipts.load(inode) == nil,
                  let lock = try? JobLock.tryAcquire(layout, inode) else { continue }
            lock.release(removeFile: true)
        }
    }
}
