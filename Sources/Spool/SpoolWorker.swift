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
    /// Nothing running, and nothing queued that this worker could start now.
    var isIdle: Bool { running.isEmpty && queue.ordered.allSatisfy { busyNames.contains($0.name) } }
    var hasSettling: Bool { !tracker.isEmpty }

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
            if let stat = FileOps.lstat("\(layout.pending)/\(entry.name)"), stat.isRegular { found.append((entry.name, stat)) }
        }
        // Files found together are received in mtime order.
        for (name, _) in found.sorted(by: { ($0.1.mtimeNs, $0.0) < ($1.1.mtimeNs, $1.0) }) {
            consider(name, movedIn: false, activity: false)
        }
        dispatch()
    }

    /// Re-examines settling files; starts what became ready.
    func tick() {
        let pending = layout.pending
        for ready in tracker.poll(nowNs: Timestamp.nowNs(), nowMono: Timestamp.monotonicNs(),
                                  stat: { FileOps.lstat("\(pending)/\($0)") }) {
            receive(ready)
        }
        dispatch()
    }

    /// A sweep stops waiting for files that keep changing; they count as skipped and are not
    /// looked at again by this worker.
    func giveUpSettling(afterMs: Int) -> Int {
        let dropped = tracker.dropStale(nowMono: Timestamp.monotonicNs(), limitNs: Int64(afterMs) * 1_000_000)
        summary.skipped += dropped.count
        abandoned.formUnion(dropped)
        return dropped.count
    }

    private var abandoned: Set<String> = []

    private var lastReceiptNs: Int64 = 0

    private func consider(_ name: String, movedIn: Bool, activity: Bool) {
        guard SpoolLayout.isCandidate(name), !abandoned.contains(name) else { return }
        guard let stat = FileOps.lstat("\(layout.pending)/\(name)"), stat.isRegular else {
            tracker.forget(name)
            return
        }
        if queue.contains(stat.inode) { return }
        let hasReceipt = Receipts(layout: layout).record(for: stat) != nil
        var now = Timestamp.nowNs()
        if now <= lastReceiptNs { now = lastReceiptNs + 1 }
        if let ready = tracker.observe(name, stat, movedIn: movedIn || hasReceipt, activity: activity,
                                       nowNs: now, nowMono: Timestamp.monotonicNs()) {
            lastReceiptNs = max(lastReceiptNs, now)
            receive(ready)
        }
    }

    private func receive(_ ready: ReadyTracker.Ready) {
        do {
            let record = try Receipts(layout: layout).receive(ready.name, ready.stat, seenAtNs: ready.firstSeenNs)
            queue.insert(QueuedJob(name: ready.name, inode: ready.stat.inode, receivedAtNs: record.receivedAtNs))
            logger.info("received", metadata: ["job": "\(ready.name)", "to": "pending", "received_at": "\(Timestamp.rfc3339(ns: record.receivedAtNs))"])
        } catch {
            logger.error("cannot write receipt", metadata: ["job": "\(ready.name)", "error": "\(error)"])
            backoffUntilMono = Timestamp.monotonicNs() + 1_000_000_000
        }
    }

    /// Starts queued jobs, oldest first, while slots are free.
    func dispatch() {
        guard accepting, fatalError == nil, Timestamp.monotonicNs() >= backoffUntilMono else { return }
        for item in queue.ordered where !busyNames.contains(item.name) {
            guard let slot = slots.acquire() else { return }
            let result: Claim.Result
            do {
                result = try Claim.claim(layout, name: item.name, inode: item.inode)
            } catch {
                slots.release(slot)
                let described = (error as? SystemCallError)?.spoolscanError.description ?? "\(error)"
                logger.error("claim failed", metadata: ["job": "\(item.name)", "error": "\(described)"])
                if (error as? SystemCallError)?.code == EXDEV { fatalError = described; notifyIfIdle() }
                backoffUntilMono = Timestamp.monotonicNs() + 1_000_000_000
                return
            }
            switch result {
            case .claimed(let job):
                queue.remove(item.inode)
                let waited = (Timestamp.nowNs() - item.receivedAtNs) / 1_000_000
                logger.info("claimed", metadata: ["job": "\(job.name)", "from": "pending", "to": "in-progress",
                                                  "slot": "\(slot)", "waited_ms": "\(waited)"])
                let runner = self.runner
                running[job.inode] = Task { [weak self] in
                    let outcome = await runner.run(job, slot: slot)
                    await self?.finished(job.inode, outcome)
                }
            case .lost:
                queue.remove(item.inode)
                slots.release(slot)
                summary.skipped += 1
                logger.debug("taken by another worker", metadata: ["job": "\(item.name)"])
            case .nameBusy:
                busyNames.insert(item.name)
                slots.release(slot)
            }
        }
    }

    private func finished(_ inode: UInt64, _ outcome: JobOutcome) {
        running.removeValue(forKey: inode)
        busyNames.removeAll()
        switch outcome {
        case .done: summary.done += 1
        case .failed: summary.error += 1
        case .requeued(let name, let newInode, let cause):
            summary.requeued += 1
            if case .diskFull = cause {
                backoffUntilMono = Timestamp.monotonicNs() + Int64(config.diskFullPauseSeconds * 1e9)
            }
            if accepting, let stat = FileOps.lstat("\(layout.pending)/\(name)"), stat.inode == newInode,
               let record = Receipts(layout: layout).record(for: stat) {
                queue.insert(QueuedJob(name: name, inode: newInode, receivedAtNs: record.receivedAtNs))
            }
        case .fatal(let message):
            if message.contains(ErrorCode.scannerConfigInvalid.code) { fatalError = message }
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
