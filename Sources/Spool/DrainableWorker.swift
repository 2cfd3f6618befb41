import Logging

/// A worker a daemon drains on shutdown: the single-host ``SpoolWorker`` and the shared-queue one.
protocol DrainableWorker: Actor {
    /// Running scans.
    var runningCount: Int { get }
    /// Takes no new job from now on.
    func stopAccepting()
    /// Stops every running scan (its job is put back, the attempt not counted).
    func stopRunningScans()
    /// Returns when no scan runs any more.
    func waitForRunning() async
}

extension SpoolWorker: DrainableWorker {}
extension SharedSpoolWorker: DrainableWorker {}
