import Foundation
import Logging
import SpoolscanCore

/// `spoolscan watch`: the long-running worker of one spool.
///
/// Takes the spool lock (`HNDL-008` if another daemon has it), recovers what a previous run left
/// in flight, watches `pending/` (then lists it), rescans on overflow and every
/// `rescanSeconds`, and on SIGTERM/SIGINT stops taking jobs, lets running scans finish for
/// `graceSeconds`, then stops the rest and requeues them without counting the attempt, and waits
/// for the notification hooks still queued or running.
public struct SpoolDaemon: Sendable {
    public let layout: SpoolLayout
    public let config: SpoolConfiguration
    public let hook: ReportHook
    public let logger: Logger

    /// A daemon for `layout`; `hook` turns raw scanner output into the final report.
    public init(layout: SpoolLayout, config: SpoolConfiguration, hook: @escaping ReportHook = ReportHooks.addJobInfo,
                logger: Logger) {
        self.layout = layout
        self.config = config
        self.hook = hook
        self.logger = logger
    }

    enum Input: Sendable {
        case event(PendingEvent)
        case tick
        case rescan
        case signal(Int32)
    }

    /// Runs until a shutdown signal; returns the process exit code (0 after a clean shutdown).
    public func run() async throws(SpoolscanError) -> Int32 {
        try layout.prepare()
        let layout = self.layout
        // Waits up to 2 s for a daemon that is stopping: on a thread of its own, not the pool.
        let spoolLock = try await BlockingWork.run { () throws(SpoolscanError) -> SpoolLock in
            try SpoolLock.acquireOrThrow(layout)
        }
        defer { spoolLock.release() }
        let (inputs, feed) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .unbounded)
        let signals = ShutdownSignals { feed.yield(.signal($0)) }
        defer { signals.cancel() }

        let recovery = Recovery(layout: layout, logger: logger, actions: config.actions)
        // Recovery waits on job locks and killed orphans: on a thread of its own, not the pool.
        let recovered = await BlockingWork.run { () -> Recovery.Result in
            let result = recovery.run()
            recovery.collectGarbage()
            return result
        }
        logger.info("daemon started", metadata: [
            "spool": "\(layout.root)", "workers": .stringConvertible(config.workers), "requeued": .stringConvertible(recovered.requeued),
            "completed": .stringConvertible(recovered.completed),
        ])

        // Watch first, then create the worker (which publishes slots.json, the sign of readiness).
        let events = try PendingWatcher.start(folder: layout.pending)
        let worker = SpoolWorker(layout: layout, config: config, hook: hook, logger: logger, role: "daemon")
        let forward = Task { for await event in events { feed.yield(.event(event)) } }
        let ticker = PeriodicTask.every(ms: config.tickIntervalMs) { feed.yield(.tick) }
        let rescanner = PeriodicTask.every(ms: config.rescanIntervalMs) { feed.yield(.rescan) }
        defer { forward.cancel(); ticker.cancel(); rescanner.cancel() }

        await worker.rescan()
        let notifier = SystemdNotifier()
        notifier.send("READY=1\nSTATUS=watching \(layout.pending)")
        var lastStatus = ""
        var exitCode: Int32 = 0
        loop: for await input in inputs {
            switch input {
            case .event(let event): await worker.handle(event)
            case .tick: await worker.tick()
            case .rescan:
                _ = await BlockingWork.run { recovery.run(waitForOrphansMs: 2_000) }
                await worker.rescan()
            case .signal(let number):
                logger.notice("shutting down", metadata: ["signal": .stringConvertible(number), "grace_s": .stringConvertible(config.graceSeconds)])
                break loop
            }
            let status = "queued \(await worker.queuedCount), scanning \(await worker.runningCount)"
            if status != lastStatus {
                notifier.send("STATUS=\(status)")
                lastStatus = status
            }
            if let fatal = await worker.fatalError {
                logger.critical("stopping", metadata: ["error": "\(fatal)"])
                exitCode = 1
                break loop
            }
        }
        notifier.send("STOPPING=1")
        await Self.drain(worker, graceSeconds: config.graceSeconds, logger: logger)
        await config.actions?.finish()
        return exitCode
    }

    /// Stops taking jobs, waits up to the grace period for running scans, then stops them
    /// (their jobs are requeued, the attempt not counted) and waits for them to be put back.
    static func drain(_ worker: some DrainableWorker, graceSeconds: Double, logger: Logger) async {
        await worker.stopAccepting()
        let stopper = Task {
            try await Task.sleep(for: .milliseconds(Int(graceSeconds * 1000)))
            let left = await worker.runningCount
            logger.warning("grace period over, stopping scans", metadata: ["running": .stringConvertible(left)])
            await worker.stopRunningScans()
        }
        await worker.waitForRunning()
        stopper.cancel()
    }
}
