import Foundation
import Logging
import SpoolscanCore

/// The intake and scanner pool of one daemon on a spool shared by several hosts.
///
/// Ready files in `pending/` are registered in the ledger (once, whichever host sees them
/// first); free slots claim the oldest pending job from the ledger; a heartbeat renews this
/// host's leases, puts back jobs whose lease expired, and announces the host. While the ledger is
/// unreachable, running scans go on, nothing new is claimed, and calls are tried again with a
/// doubling backoff (`HNDL-022` logged once per outage).
actor SharedSpoolWorker {
    let layout: SpoolLayout
    let config: SpoolConfiguration
    let ledger: any JobLedger
    let owner: LedgerOwner
    let leaseSeconds: Double
    let logger: Logger
    nonisolated let slots: SlotBoard
    let scans = RunningScans()
    private let runner: LeasedJobRunner
    private let moves: LedgerFileMoves
    private var tracker: ReadyTracker
    private var unregistered: [String: LedgerDrop] = [:]
    private var registered: Set<String> = []
    private var running: [Int64: (token: Int64, lease: LeaseFlag)] = [:]
    private var accepting = true
    private var dispatching = false
    private var dispatchAgain = false
    private var nextPollMono: Int64 = 0
    private var outage: Outage?
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private(set) var summary = WorkSummary()
    private(set) var fatalError: String?

    /// An ongoing outage of the ledger: when to try again and how long to wait after that.
    private struct Outage {
        var retryAtMono: Int64
        var backoffMs: Int64
    }

    init(layout: SpoolLayout, config: SpoolConfiguration, hook: @escaping ReportHook, ledger: any JobLedger,
         owner: LedgerOwner, leaseSeconds: Double, logger: Logger) {
        self.layout = layout
        self.config = config
        self.ledger = ledger
        self.owner = owner
        self.leaseSeconds = leaseSeconds
        self.logger = logger
        self.tracker = ReadyTracker(settleMs: config.settleMs)
        self.slots = SlotBoard(layout: layout, role: "queue", count: config.workers)
        self.moves = LedgerFileMoves(layout: layout)
        self.runner = LeasedJobRunner(layout: layout, config: config, hook: hook, logger: logger, scans: scans,
                                      slots: slots, ledger: ledger)
    }

    var runningCount: Int { running.count }
    var isReachable: Bool { outage == nil }
    private var clock: any SpoolClock { config.clock }

    // MARK: Intake

    func handle(_ event: PendingEvent) async {
        guard event.kind != .overflow else { await rescan(); return }
        consider(event.name, movedIn: event.kind == .movedIn, activity: event.kind == .written)
        await registerReady()
    }

    /// Lists `pending/` (start-up, overflow, and every `rescanSeconds`: inotify does not see
    /// other NFS clients' writes) and registers what is ready.
    func rescan() async {
        var found: [(String, FileStat)] = []
        for entry in (try? FileOps.list(layout.pending)) ?? [] where SpoolLayout.isCandidate(entry.name) {
            guard let stat = FileOps.lstat("\(layout.pending)/\(entry.name)") else { continue }
            if stat.isRegular { found.append((entry.name, stat)) } else { rejectNonRegular(entry.name, stat) }
        }
        let present = Set(found.map { LedgerJob.key(name: $0.0, inode: $0.1.inode, size: $0.1.size, mtimeNs: $0.1.mtimeNs) })
        registered.formIntersection(present)
        for (name, _) in found.sorted(by: { ($0.1.mtimeNs, $0.0) < ($1.1.mtimeNs, $1.0) }) {
            consider(name, movedIn: false, activity: false)
        }
        await registerReady()
        await dispatch()
    }

    /// Settling files, registrations to try again, claims whose backoff may be over.
    func tick() async {
        let pending = layout.pending
        for ready in tracker.poll(nowNs: clock.nowNs(), nowMono: clock.monotonicNs(),
                                  stat: { FileOps.lstat("\(pending)/\($0)") }) {
            accept(ready.name, ready.stat)
        }
        await registerReady()
        if clock.monotonicNs() >= nextPollMono { await dispatch() }
    }

    /// Another daemon registered or freed jobs.
    func wake() async {
        nextPollMono = 0
        await dispatch()
    }

    private func consider(_ name: String, movedIn: Bool, activity: Bool) {
        guard SpoolLayout.isCandidate(name) else { return }
        guard let stat = FileOps.lstat("\(layout.pending)/\(name)") else { tracker.forget(name); return }
        guard stat.isRegular else {
            tracker.forget(name)
            rejectNonRegular(name, stat)
            return
        }
        let key = LedgerJob.key(name: name, inode: stat.inode, size: stat.size, mtimeNs: stat.mtimeNs)
        if registered.contains(key) || unregistered[key] != nil { return }
        if let ready = tracker.observe(name, stat, movedIn: movedIn, activity: activity,
                                       nowNs: clock.nowNs(), nowMono: clock.monotonicNs()) {
            accept(ready.name, ready.stat)
        }
    }

    /// A ready file: given a copy of its own if it shares its inode (each name is a job), then
    /// queued for registration.
    private func accept(_ name: String, _ given: FileStat) {
        var stat = given
        if stat.linkCount > 1 || !FileOps.mayHardLink("\(layout.pending)/\(name)") {
            guard let copy = try? FileOps.breakHardLink("\(layout.pending)/\(name)", stat, scratch: layout.work) else { return }
            stat = copy
        }
        let drop = LedgerDrop(name: name, inode: stat.inode, size: stat.size, mtimeNs: stat.mtimeNs)
        unregistered[drop.key] = drop
    }

    private func rejectNonRegular(_ name: String, _ stat: FileStat) {
        guard let moved = try? NonRegularDrop(layout: layout, clock: clock).reject(name, stat) else { return }
        summary.error += 1
        logger.error("failed", metadata: ["job": "\(name)", "to": "error", "name": "\(moved)",
                                          "code": "\(ErrorCode.notRegularFile.code)", "kind": "\(stat.kind)"])
    }

    /// Registers the files waiting for it, in the order they became ready (one round trip).
    private func registerReady() async {
        guard !unregistered.isEmpty, mayCallLedger() else { return }
        let drops = unregistered.values.sorted { ($0.mtimeNs, $0.name) < ($1.mtimeNs, $1.name) }
        do {
            let added = try await ledger.register(drops, by: owner)
            reachable()
            for drop in drops {
                unregistered.removeValue(forKey: drop.key)
                registered.insert(drop.key)
            }
            if added > 0 {
                logger.info("registered", metadata: ["jobs": .stringConvertible(added)])
                nextPollMono = 0
                await dispatch()
            }
        } catch {
            unreachable(error)
        }
    }

    // MARK: Claims

    /// Claims jobs from the ledger while slots are free.
    func dispatch() async {
        if dispatching { dispatchAgain = true; return }
        dispatching = true
        defer { dispatching = false }
        repeat {
            dispatchAgain = false
            while accepting, fatalError == nil, mayCallLedger(), let slot = slots.acquire() {
                let moves = self.moves
                let job: LedgerJob?
                do {
                    job = try await ledger.claim(owner, leaseSeconds: leaseSeconds, maxAttempts: config.maxAttempts) {
                        moves.claim($0)
                    }
                    reachable()
                } catch {
                    slots.release(slot)
                    unreachable(error)
                    return
                }
                guard let job else {
                    slots.release(slot)
                    nextPollMono = clock.monotonicNs() + 1_000_000_000
                    break
                }
                start(job, slot: slot)
            }
        } while dispatchAgain
    }

    private func start(_ job: LedgerJob, slot: Int) {
        let waited = (clock.nowNs() - job.receivedAtNs) / 1_000_000
        logger.info("claimed", metadata: ["job": "\(job.name)", "to": "in-progress", "slot": .stringConvertible(slot),
                                          "token": .stringConvertible(job.token), "attempts": .stringConvertible(job.counted), "waited_ms": .stringConvertible(waited)])
        let lease = LeaseFlag()
        running[job.id] = (job.token, lease)
        let runner = self.runner
        Task { [weak self] in
            let outcome = await runner.run(job, slot: slot, lease: lease)
            await self?.finished(job, outcome)
        }
    }

    private func finished(_ job: LedgerJob, _ outcome: LeasedJobRunner.Outcome) async {
        running.removeValue(forKey: job.id)
        switch outcome {
        case .finished(let state, _):
            switch state {
            case .error: summary.error += 1
            case .quarantine: summary.quarantine += 1
            default: summary.done += 1
            }
        case .requeued:
            summary.requeued += 1
            try? await ledger.notify()
        case .lost, .abandoned:
            summary.skipped += 1
        case .stopped(let reason):
            fatalError = reason
        }
        notifyIfIdle()
        await dispatch()
    }

    // MARK: Heartbeat

    /// Renews this host's leases (a job whose lease was lost has its scanner killed), puts back
    /// jobs whose lease expired anywhere, and announces the host.
    func heartbeat() async {
        guard mayCallLedger() else { return }
        let held = running.map { ($0.key, $0.value.token) }
        let moves = self.moves
        do {
            if !held.isEmpty {
                let kept = try await ledger.renew(owner, jobs: held, leaseSeconds: leaseSeconds)
                // A job that finished while the renewal was on its way is not a lost lease.
                for (id, token) in held where !kept.contains(id) {
                    guard let entry = running[id], entry.token == token, !entry.lease.isFinishing else { continue }
                    logger.warning("lease lost", metadata: ["job_id": .stringConvertible(id), "code": "\(ErrorCode.leaseLost.code)"])
                    entry.lease.markLost()
                }
            }
            let rescued = try await ledger.rescueExpired(owner) { moves.rescue($0) }
            if rescued > 0 {
                logger.warning("rescued jobs whose lease expired", metadata: ["jobs": .stringConvertible(rescued)])
                try await ledger.notify()
            }
            try await ledger.announce(owner, slots: config.workers)
            reachable()
        } catch {
            unreachable(error)
            return
        }
        await dispatch()
    }

    /// Ends the leases a previous run of this host left behind (start-up).
    func expirePreviousRuns() async {
        do {
            let count = try await ledger.expirePreviousRuns(owner)
            if count > 0 { logger.warning("previous run left jobs; rescuing", metadata: ["jobs": .stringConvertible(count)]) }
            reachable()
        } catch {
            unreachable(error)
        }
    }

    // MARK: Outages

    private func mayCallLedger() -> Bool {
        guard let outage else { return true }
        return clock.monotonicNs() >= outage.retryAtMono
    }

    private func unreachable(_ error: any Error) {
        let coded = (error as? SpoolscanError) ?? SpoolscanError(.queueQueryFailed, "\(error)")
        // Capped at a third of the lease, so leases are renewed soon after the database returns.
        let cap = Int64(max(1_000, min(30_000, leaseSeconds * 1000 / 3)))
        let backoff = outage.map { min($0.backoffMs * 2, cap) } ?? min(1_000, cap)
        if outage == nil {
            logger.error("queue database unreachable: no new jobs, running scans go on",
                         metadata: ["code": "\(coded.code.code)", "error": "\(coded)", "retry_ms": .stringConvertible(backoff)])
        }
        outage = Outage(retryAtMono: clock.monotonicNs() + backoff * 1_000_000, backoffMs: backoff)
    }

    private func reachable() {
        guard outage != nil else { return }
        outage = nil
        logger.notice("queue database reachable again, claiming jobs")
    }

    // MARK: Shutdown

    func stopAccepting() { accepting = false }

    func waitForRunning() async {
        if running.isEmpty { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    func stopRunningScans() { scans.stopAll(grace: config.killGraceSeconds) }

    private func notifyIfIdle() {
        guard running.isEmpty else { return }
        let waiters = idleWaiters
        idleWaiters.removeAll()
        waiters.forEach { $0.resume() }
    }
}
