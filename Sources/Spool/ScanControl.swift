import Foundation

/// Shared flags of one running scanner: whether the pool killed it, and why.
final class ScanControl: @unchecked Sendable {
    private let lock = NSLock()
    private var timedOut = false
    private var stoppedByShutdown = false
    let pid: pid_t

    init(pid: pid_t) { self.pid = pid }

    var wasTimedOut: Bool { lock.withLock { timedOut } }
    var wasStoppedByShutdown: Bool { lock.withLock { stoppedByShutdown } }

    /// Kills the process group: SIGTERM, then SIGKILL after `grace` unless it exited.
    func kill(forShutdown: Bool, grace: Double, exited: @escaping @Sendable () -> Bool) {
        let first = lock.withLock { () -> Bool in
            let first = !timedOut && !stoppedByShutdown
            if forShutdown { stoppedByShutdown = true } else { timedOut = true }
            return first
        }
        guard first else { return }
        ChildProcess.signalGroup(pid, SIGTERM)
        let pid = self.pid
        Task.detached {
            try? await Task.sleep(for: .milliseconds(Int(grace * 1000)))
            if !exited() { ChildProcess.signalGroup(pid, SIGKILL) }
        }
    }
}

/// The scanners running in this process, so shutdown can stop them.
final class RunningScans: @unchecked Sendable {
    private let lock = NSLock()
    private var controls: [pid_t: ScanControl] = [:]

    func add(_ control: ScanControl) { lock.withLock { controls[control.pid] = control } }
    func remove(_ pid: pid_t) { _ = lock.withLock { controls.removeValue(forKey: pid) } }
    func contains(_ pid: pid_t) -> Bool { lock.withLock { controls[pid] != nil } }

    /// Stops every running scanner; their jobs are requeued without counting the attempt.
    func stopAll(grace: Double) {
        for control in lock.withLock({ Array(controls.values) }) {
            control.kill(forShutdown: true, grace: grace) { [weak self] in
                !(self?.contains(control.pid) ?? false)
            }
        }
    }
}
