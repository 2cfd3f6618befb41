import Foundation

/// Settings of a worker (daemon or sweep).
public struct SpoolConfiguration: Sendable {
    /// Scanner processes run at once (default: the number of cores).
    public var workers: Int
    /// Per-attempt time limit (default 600 s).
    public var timeoutSeconds: Double
    /// Memory limit passed to the scanner (default 2048 MiB).
    public var memoryLimitMB: Int
    /// How long a file written in place in `pending/` must stay unchanged (default 2000 ms).
    public var settleMs: Int
    /// Full rescan of `pending/` every so often (default 60 s).
    public var rescanSeconds: Double
    /// On SIGTERM/SIGINT, how long running scans may finish (default 30 s).
    public var graceSeconds: Double
    /// Between SIGTERM and SIGKILL to a scanner's process group (default 2 s).
    public var killGraceSeconds: Double
    /// Counted attempts before a job goes to `error/` (3).
    public var maxAttempts: Int
    /// Pause before starting jobs again after a disk-full failure (default 5 s).
    public var diskFullPauseSeconds: Double
    /// The scanner to run (built-in `spoolscan scan` or an override).
    public var scanner: ScannerCommand
    /// Wait before a failed attempt is tried again: this, doubled after each counted attempt
    /// (default 5 s: the second attempt 5 s after the first, the third 10 s after the second).
    /// A job held for a fault of the host waits the same way, doubling up to ``holdMaxSeconds``.
    public var retryBackoffSeconds: Double
    /// The longest wait of a held job (default 300 s).
    public var holdMaxSeconds: Double
    /// Moves a scanned job whose report's verdict is `fail` to `quarantine/` instead of `done/` (default off).
    public var quarantine: Bool = false
    /// Other formats of the report written beside it in `done/`/`quarantine/` (none by default).
    public var sidecars: [ReportSidecar] = []
    /// Called after each job's final move (notification hook, metrics); nil does nothing.
    public var actions: FinishedJobActions?
    /// The clock the worker reads (the system's; tests move their own).
    public var clock: any SpoolClock

    /// The defaults are the CLI's; `workers` nil means one per core.
    public init(workers: Int? = nil, timeoutSeconds: Double = 600, memoryLimitMB: Int = 2048, settleMs: Int = 2000,
                rescanSeconds: Double = 60, graceSeconds: Double = 30, killGraceSeconds: Double = 2,
                maxAttempts: Int = 3, diskFullPauseSeconds: Double = 5,
                scanner: ScannerCommand = ScannerCommand(override: nil), retryBackoffSeconds: Double = 5,
                holdMaxSeconds: Double = 300, clock: any SpoolClock = SystemClock()) {
        self.workers = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
        self.timeoutSeconds = timeoutSeconds
        self.memoryLimitMB = memoryLimitMB
        self.settleMs = settleMs
        self.rescanSeconds = rescanSeconds
        self.graceSeconds = graceSeconds
        self.killGraceSeconds = killGraceSeconds
        self.maxAttempts = maxAttempts
        self.diskFullPauseSeconds = diskFullPauseSeconds
        self.scanner = scanner
        self.retryBackoffSeconds = max(0, retryBackoffSeconds)
        self.holdMaxSeconds = max(0, holdMaxSeconds)
        self.clock = clock
    }

    /// The wait before the next attempt after `counted` counted attempts (1 → base, 2 → 2 × base, …).
    func retryDelay(afterCounted counted: Int) -> Double {
        retryBackoffSeconds * Double(1 << min(max(counted - 1, 0), 20))
    }

    /// The wait of a job held `holds` times for a fault of the host (doubling, capped).
    func holdDelay(holds: Int) -> Double {
        min(holdMaxSeconds, retryBackoffSeconds * Double(1 << min(max(holds - 1, 0), 20)))
    }
}
