import Foundation
import Logging
import SpoolscanCore

/// `spoolscan sweep`: processes everything pending with the same pool and rules, then returns.
///
/// Safe while a daemon runs: jobs are claimed by rename like the daemon's. Recovery of jobs left
/// in flight runs only if the sweep can take the spool lock (no daemon); the lock is released
/// right after, so a daemon can start while the sweep works.
public struct SpoolSweep: Sendable {
    public let layout: SpoolLayout
    public let config: SpoolConfiguration
    public let hook: ReportHook
    public let logger: Logger

    /// A sweep of `layout`; `hook` turns raw scanner output into the final report.
    public init(layout: SpoolLayout, config: SpoolConfiguration, hook: @escaping ReportHook = ReportHooks.addJobInfo,
                logger: Logger) {
        self.layout = layout
        self.config = config
        self.hook = hook
        self.logger = logger
    }

    /// Runs the sweep; returns its counts. Throws `HNDL-003` if the scanner cannot be started.
    public func run() async throws(SpoolscanError) -> WorkSummary {
        try layout.prepare()
        if let lock = try SpoolLock.tryAcquire(layout) {
            let recovery = Recovery(layout: layout, logger: logger, actions: config.actions)
            await BlockingWork.run { () -> Void in
                recovery.run()
                recovery.collectGarbage()
            }
            lock.release()
        }
        let worker = SpoolWorker(layout: layout, config: config, hook: hook, logger: logger, role: "sweep")
        defer { worker.slots.remove() }
        let stop = StopFlag()
        let signals = ShutdownSignals { _ in stop.set() }
        defer { signals.cancel() }

        let tickMs = config.tickIntervalMs
        let giveUpMs = max(5 * config.settleMs, 1_000)
        await worker.rescan()
        while !stop.isSet {
            try? await Task.sleep(for: .milliseconds(tickMs))
            await worker.tick()
            if await worker.fatalError != nil { break }
            guard await worker.isIdle else { continue }
            if await worker.hasSettling {
                _ = await worker.giveUpSettling(afterMs: giveUpMs)
                continue
            }
            await worker.rescan()
            if await worker.isIdle, !(await worker.hasSettling) { break }
        }
        if stop.isSet { logger.notice("sweep interrupted, shutting down") }
        await SpoolDaemon.drain(worker, graceSeconds: config.graceSeconds, logger: logger)
        await config.actions?.finish()
        await worker.summarizeQueued()
        let summary = await worker.summary
        if let fatal = await worker.fatalError { throw SpoolscanError(.scannerConfigInvalid, fatal) }
        return summary
    }
}

/// A flag set from a signal handler.
final class StopFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
