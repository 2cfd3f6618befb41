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

    /// The defaults are the CLI's; `workers` nil means one per core.
    public init(workers: Int? = nil, timeoutSeconds: Double = 600, memoryLimitMB: Int = 2048, settleMs: Int = 2000,
                rescanSeconds: Double = 60, graceSeconds: Double = 30, killGraceSeconds: Double = 2,
                maxAttempts: Int = 3, diskFullPauseSeconds: Double = 5,
                scanner: ScannerCommand = ScannerCommand(override: nil)) {
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
    }
}
