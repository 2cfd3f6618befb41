import Foundation
import Logging
import SpoolscanCore

/// The queue and the scanner pool of one worker process (the daemon or a sweep): receives
/// ready files, keeps them in FIFO order and starts them in free slots.
actor SpoolWorker {
    let layout: SpoolLayout
    let config: SpoolConfiguration
    let logger: Logger
    nonisolated let slots: SlotBoard
    let scans = RunningScans()
    private let runner: JobRunner
    private var queue = JobQueue()
    private var tracker: ReadyTracker
    private var running: [UInt64: Task<Void, Never>] = [:]
    private var busyNames: Set<String> = []
    private var accepting = true
    private var backoffUntilMono: Int64 = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var summary = WorkSummary()
    /// Set when the worker cannot go on (scanner missing): the daemon exits non-zero.
    private(set) var fatalError: String?

    init(layout: SpoolLayout, config: SpoolConfiguration, hook: @escaping ReportHook, logger: Logger, role: String) {
        self.layout = layout
        self.config = config
        self.logger = logger
        self.tracker = ReadyTracker(settleMs: config.settleMs)
        self.slots = SlotBoard(layout: layout, role: role, count: config.workers)
        self.runner = JobRunner(layout: layout, config: config, hook: hook, logger: logger, scans: scans, slots: slots)
    }

    var runningCount: Int { running.count }
    var queuedCount: Int { queue.count }
    private var clock: any SpoolClock { config.clock }
    /// Nothing running, and nothing queued that this worker could start now or after a retry's
    /// backoff (a job held for a fault of the host is left for a later run).
    var isIdle: Bool { running.isEmpty && queue.ordered.allSatisfy { busyNames.contains($0.name) || $0.held } }
    var hasSettling: Bool { !tracker.isEmpty || !deferred.isEmpty }

    /// Handles one event from the watcher.
    func handle(_ event: PendingEvent) {
        guard event.kind != .overflow else { rescan(); return }
        consider(event.name, movedIn: event.kind == .movedIn, activity: event.kind == .written)
        dispatch()
    }

    /// Lists `pending/` and considers every file in it (start-up, overflow, periodic).
    func rescan() {
        let entries = (try? FileOps.list(layout.pending)) ?? []
        busyNames.removeAll()
        var found: [(String, FileStat)] = []
        for entry in entries where SpoolLayout.isCandidate(entry.name) {
            guard let stat = FileOps.lstat("\(layout.pending)/\(entry.name)") else { continue }
            if stat.isRegular { found.append((entry.name, stat)) } else { rejectNonRegular(entry.name, stat) }
        }
        // Files found together are received in mtime order.
        for (name, _) in found.sorted(by: { ($0.1.mtimeNs, $0.0) < ($1.1.mtimeNs, $1.0) }) {
            consider(name, movedIn: false, activity: false)
        }
        dispatch()
    }

    /// Re-examines settling files and receipts that could not be written; starts what became ready.
    func tick() {
        let pending = layout.pending
        for ready in tracker.poll(nowNs: clock.nowNs(), nowMono: clock.monotonicNs(),
                                  stat: { FileOps.lstat("\(pending)/\($0)") }) {
            receive(ready)
        }
        let now = clock.monotonicNs()
        for (name, retryAt) in deferred where retryAt <= now {
            deferred.removeValue(forKey: name)
            consider(name, movedIn: true, activity: false)
        }
        dispatch()
    }

    /// A sweep stops waiting for files that keep changing; they count as skipped and are not
    /// looked at again by this worker.
    func giveUpSettling(afterMs: Int) -> Int {
        let dropped = tracker.dropStale(nowMono: clock.monotonicNs(), limitNs: Int64(afterMs) * 1_000_000)
        summary.skipped += dropped.count
        abandoned.formUnion(dropped)
        return dropped.count
    }

    private var abandoned: Set<String> = []
    /// Names whose receipt could not be written, and when to try again (monotonic ns).
    private var deferred: [String: Int64] = [:]

    private var lastReceiptNs: Int64 = 0

    private func consider(_ name: String, movedIn: Bool, activity: Bool) {
        guard SpoolLayout.isCandidate(name), !abandoned.contains(name) else { return }
        guard let stat = FileOps.lstat("\(layout.pending)/\(name)") else {
            tracker.forget(name)
            return
        }
        guard stat.isRegular else {
            tracker.forget(name)
            rejectNonRegular(name, stat)
            return
        }
        if queue.contains(stat.inode) { return }
        let hasReceipt = Receipts(layout: layout).record(for: stat) != nil
        var now = clock.nowNs()
        if now <= lastReceiptNs { now = lastReceiptNs + 1 }
        if let ready = tracker.observe(name, stat, movedIn: movedIn || hasReceipt, activity: activity,
                                       nowNs: now, nowMono: clock.monotonicNs()) {
            lastReceiptNs = max(lastReceiptNs, now)
            receive(ready)
        }
    }

    /// A directory, symlink, FIFO, socket or device in `pending/`: to `error/` with `HNDL-010`.
    private func rejectNonRegular(_ name: String, _ stat: FileStat) {
        do {
            let moved = try NonRegularDrop(layout: layout, clock: clock).reject(name, stat)
            summary.error += 1
            logger.error("failed", metadata: ["job": "\(name)", "from": "pending", "to": "error", "name": "\(moved)",
                                              "code": "\(ErrorCode.notRegularFile.code)", "kind": "\(stat.kind)"])
        } catch {
            // Gone meanwhile (another worker moved it), or the disk is full: looked at again on the next rescan.
            logger.warning("cannot move to error/", metadata: ["job": "\(name)", "kind": "\(stat.kind)", "error": "\(error)"])
        }
    }

    private func receive(_ ready: ReadyTracker.Ready) {
        var stat = ready.stat
        do throws(SpoolscanError) {
            // Each name is a job of its own: a name sharing its file with other hard links gets
            // a copy of its own first (receipts, locks and work folders are keyed by inode). So
            // does a file this process may not hard-link (another user's file without group
            // write): the finished artifact is linked into done/ or error/.
            if stat.linkCount > 1 || !FileOps.mayHardLink("\(layout.pending)/\(ready.name)") {
                guard let copy = try FileOps.breakHardLink("\(layout.pending)/\(ready.name)", stat, scratch: layout.work)
                else { return }
                logger.info("copied to a file of its own", metadata: ["job": "\(ready.name)", "links": .stringConvertible(stat.linkCount)])
                stat = copy
            }
            let record = try Receipts(layout: layout).receive(ready.name, stat, seenAtNs: ready.firstSeenNs)
            queue.insert(queued(ready.name, stat.inode, record))
            logger.info("received", metadata: ["job": "\(ready.name)", "to": "pending", "received_at": "\(Timestamp.rfc3339(ns: record.receivedAtNs))"])
        } catch {
            let coded = error
            logger.error("cannot write receipt", metadata: ["job": "\(ready.name)", "code": "\(coded.code.code)", "error": "\(coded)"])
            // Tried again after a pause (not only at the next full rescan).
            deferred[ready.name] = clock.monotonicNs() + 1_000_000_000
            backoffUntilMono = clock.monotonicNs() + 1_000_000_000
        }
    }

    private func queued(_ name: String, _ inode: UInt64, _ record: JobRecord, notBeforeNs: Int64? = nil) -> QueuedJob {
        let notBefore = [record.notBeforeNs, notBeforeNs].compactMap { $0 }.max()
        let held = notBefore != nil && record.attempts.last.map { !$0.counted } == true
        return QueuedJob(name: name, inode: inode, receivedAtNs: record.receivedAtNs, notBeforeNs: notBefore, held: held)
    }

    /// Starts queued jobs, oldest first, while slots are free; a job still in its backoff keeps
    /// its place and the ones behind it start.
    func dispatch() {
        guard accepting, fatalError == nil, clock.monotonicNs() >= backoffUntilMono else { return }
        let now = clock.nowNs()
        for item in queue.ordered where !busyNames.contains(item.name) {
            if let notBefore = item.notBeforeNs, notBefore > now { continue }
            guard let slot = slots.acquire() else { return }
            guard let result = claim(item, slot: slot) else { return }
            switch consume result {
            case .claimed(let job):
                queue.remove(item.inode)
                let waited = (clock.nowNs() - item.receivedAtNs) / 1_000_000
                logger.info("claimed", metadata: ["job": "\(job.name)", "from": "pending", "to": "in-progress",
                                                  "slot": .stringConvertible(slot), "waited_ms": .stringConvertible(waited)])
                start(JobHandoff(job), slot: slot)
            case .lost:
                queue.remove(item.inode)
                slots.release(slot)
                summary.skipped += 1
                logger.debug("taken by another worker", metadata: ["job": "\(item.name)"])
            case .nameBusy:
                busyNames.insert(item.name)
                slots.release(slot)
            case .replaced(let name, let inode):
                // The newer file's lock is busy for a moment: wait for it off the shared pool.
                queue.remove(item.inode)
                let layout = self.layout
                running[inode] = Task { [weak self] in
                    let adopted: Claim.Result
                    do { adopted = try await Claim.adoptReplaced(layout, name: name, inode: inode) } catch { adopted = .lost }
                    switch consume adopted {
                    case .claimed(let job):
                        await self?.runClaimed(JobHandoff(job), slot: slot)
                    default:
                        self?.slots.release(slot)
                        await self?.finished(inode, .lost(name: name))
                    }
                }
            }
        }
    }

    /// Runs a claimed job in a task of its own; ``finished(_:_:)`` takes its outcome.
    private func start(_ handoff: JobHandoff, slot: Int) {
        let inode = handoff.inode
        running[inode] = Task { [weak self] in await self?.runClaimed(handoff, slot: slot) }
    }

    private func runClaimed(_ handoff: JobHandoff, slot: Int) async {
        let inode = handoff.inode
        let outcome = await runner.run(handoff.take(), slot: slot)
        finished(inode, outcome)
    }

    /// Claims a queued job; nil (after logging, with the slot freed) when the claim failed.
    private func claim(_ item: QueuedJob, slot: Int) -> Claim.Result? {
        do throws(SpoolscanError) {
            return try Claim.claim(layout, name: item.name, inode: item.inode)
        } catch {
            slots.release(slot)
            let described = error.description
            logger.error("claim failed", metadata: ["job": "\(item.name)", "error": "\(described)"])
            // HNDL-009: the spool's folders are on two filesystems (EXDEV); no claim can succeed.
            if error.code == .spoolInvalid { fatalError = described; notifyIfIdle() }
            backoffUntilMono = clock.monotonicNs() + 1_000_000_000
            return nil
        }
    }

    private func finished(_ inode: UInt64, _ outcome: JobOutcome) {
        running.removeValue(forKey: inode)
        busyNames.removeAll()
        switch outcome {
        case .done(_, let state):
            if state == .quarantine { summary.quarantine += 1 } else { summary.done += 1 }
        case .failed: summary.error += 1
        case .requeued(let name, let newInode, let cause, let notBefore):
            summary.requeued += 1
            if case .diskFull = cause {
                backoffUntilMono = clock.monotonicNs() + Int64(config.diskFullPauseSeconds * 1e9)
            }
            if accepting, let stat = FileOps.lstat("\(layout.pending)/\(name)"), stat.inode == newInode {
                if let record = Receipts(layout: layout).record(for: stat) {
                    queue.insert(queued(name, newInode, record, notBeforeNs: notBefore))
                } else {
                    // The record could not be read back (disk trouble): look again after a pause.
                    deferred[name] = clock.monotonicNs() + Int64(max(config.retryBackoffSeconds, 1) * 1e9)
                }
            }
        case .stopped(_, _, let reason):
            fatalError = reason
        case .fatal(let message):
            fatalError = message
        case .lost(let name):
            summary.skipped += 1
            logger.debug("taken by another worker", metadata: ["job": "\(name)"])
        }
        dispatch()
        notifyIfIdle()
    }

    private func notifyIfIdle() {
        guard running.isEmpty else { return }
        let waiters = idleWaiters
        idleWaiters.removeAll()
        waiters.forEach { $0.resume() }
    }

    /// Counts what is still queued into `summary`: jobs held for a fault of the host (`held`,
    /// with the cause of the latest hold, from its job record) and the rest (`skipped`).
    func summarizeQueued() {
        let receipts = Receipts(layout: layout)
        var latest: (Int64, String)?
        for item in queue.ordered {
            guard item.held else { summary.skipped += 1; continue }
            summary.held += 1
            guard let attempt = receipts.load(item.inode)?.attempts.last(where: { !$0.counted }) else { continue }
            var cause = attempt.detail ?? attempt.code ?? "unknown"
            if let code = attempt.code, !cause.hasPrefix(code) { cause = "\(code): \(cause)" }
            if latest == nil || attempt.startedAtNs >= latest!.0 { latest = (attempt.startedAtNs, cause) }
        }
        summary.holdCause = latest?.1
        queue = JobQueue()
    }

    /// Stops starting jobs (shutdown).
    func stopAccepting() { accepting = false }

    /// Waits until no job runs.
    func waitForRunning() async {
        if running.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Stops running scanners (after the shutdown grace); their jobs go back to `pending/`
    /// without counting the attempt.
    func stopRunningScans() {
        scans.stopAll(grace: config.killGraceSeconds)
    }
}

/// Hands a claimed job (which owns its lock and cannot be copied) to the task that runs it.
private final class JobHandoff: @unchecked Sendable {
    private var job: ClaimedJob?
    let inode: UInt64
    init(_ job: consuming ClaimedJob) {
        inode = job.inode
        self.job = .some(job)
    }
    /// The job; taken once.
    func take() -> ClaimedJob { job.take()! }
}
