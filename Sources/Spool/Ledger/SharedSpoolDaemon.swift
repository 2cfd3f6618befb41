import Foundation
import Logging
import SpoolscanCore

/// `spoolscan watch --queue URL`: one of several daemons, on several hosts, working one spool
/// whose queue ledger is shared (PostgreSQL, ``JobLedger``).
///
/// Unlike ``SpoolDaemon`` it takes no spool-wide `.lock` (over NFS that would allow one daemon
/// for all hosts) but `.state/hosts/HOST.lock` (one daemon per host), and runs no file-based
/// recovery: the ledger's leases decide who owns a job. Intake: inotify, a rescan every
/// `rescanSeconds`, and the ledger's notifications; a heartbeat every third of the lease.
/// SIGTERM/SIGINT drain as in ``SpoolDaemon`` (stopped scans go back to `pending/`, not counted).
public struct SharedSpoolDaemon: Sendable {
    public let layout: SpoolLayout
    public let config: SpoolConfiguration
    public let hook: ReportHook
    public let ledger: any JobLedger
    public let owner: LedgerOwner
    public let leaseSeconds: Double
    public let logger: Logger

    /// A daemon for `layout`, claiming from `ledger` as `owner`; a lease not renewed for
    /// `leaseSeconds` lets another host take the job over.
    public init(layout: SpoolLayout, config: SpoolConfiguration, hook: @escaping ReportHook = ReportHooks.addJobInfo,
                ledger: any JobLedger, owner: LedgerOwner, leaseSeconds: Double = 30, logger: Logger) {
        self.layout = layout
        self.config = config
        self.hook = hook
        self.ledger = ledger
        self.owner = owner
        self.leaseSeconds = max(1, leaseSeconds)
        var logger = logger
        logger[metadataKey: "host"] = "\(owner.host)"
        self.logger = logger
    }

    enum Input: Sendable {
        case event(PendingEvent)
        case tick, rescan, wake, heartbeat
        case signal(Int32)
    }

    /// Runs until a shutdown signal; returns the process exit code.
    public func run() async throws -> Int32 {
        try layout.prepare()
        let hostLock = try HostLock.acquire(layout, host: owner.host)
        defer { hostLock.release() }
        let (inputs, feed) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .unbounded)
        let signals = ShutdownSignals { feed.yield(.signal($0)) }
        defer { signals.cancel() }

        let events = try PendingWatcher.start(folder: layout.pending)
        let worker = SharedSpoolWorker(layout: layout, config: config, hook: hook, ledger: ledger, owner: owner,
                                       leaseSeconds: leaseSeconds, logger: logger)
        defer { worker.slots.remove() }
        await worker.expirePreviousRuns()
        logger.info("daemon started", metadata: ["spool": "\(layout.root)", "workers": .stringConvertible(config.workers),
                                                 "instance": "\(owner.instance)", "lease_s": .stringConvertible(leaseSeconds)])
        let ledger = self.ledger
        let tasks = [
            Task { for await event in events { feed.yield(.event(event)) } },
            PeriodicTask.every(ms: config.tickIntervalMs) { feed.yield(.tick) },
            PeriodicTask.every(ms: config.rescanIntervalMs) { feed.yield(.rescan) },
            PeriodicTask.every(ms: max(200, Int(leaseSeconds * 1000 / 3))) { feed.yield(.heartbeat) },
            Task {
                while !Task.isCancelled {
                    do {
                        if try await ledger.waitForNotification(timeoutMs: 1_000) { feed.yield(.wake) }
                    } catch {
                        try? await Task.sleep(for: .seconds(1))
                    }
                }
            },
        ]
        defer { tasks.forEach { $0.cancel() } }

        await worker.heartbeat()
        await worker.rescan()
        let notifier = SystemdNotifier()
        notifier.send("READY=1\nSTATUS=watching \(layout.pending) with a shared queue")
        var exitCode: Int32 = 0
        loop: for await input in inputs {
            switch input {
            case .event(let event): await worker.handle(event)
            case .tick: await worker.tick()
            case .rescan: await worker.rescan()
            case .wake: await worker.wake()
            case .heartbeat: await worker.heartbeat()
            case .signal(let number):
                logger.notice("shutting down", metadata: ["signal": .stringConvertible(number), "grace_s": .stringConvertible(config.graceSeconds)])
                break loop
            }
            if let fatal = await worker.fatalError {
                logger.critical("stopping", metadata: ["error": "\(fatal)"])
                exitCode = 1
                break loop
            }
        }
        notifier.send("STOPPING=1")
        await SpoolDaemon.drain(worker, graceSeconds: config.graceSeconds, logger: logger)
        await config.actions?.finish()
        return exitCode
    }
}
