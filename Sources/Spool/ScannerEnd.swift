import Foundation
import SpoolscanCore

/// How one started scanner ended, waited for under the spool's rules: the time limit (SIGTERM,
/// then SIGKILL after the grace), anything left in its process group killed afterwards, its slot
/// freed, and the end classified from the wait status and the first and last lines of its stderr.
/// Both the single-host attempt (``ScanAttempt``) and the shared-queue one use it.
struct ScannerEnd: Sendable {
    var cause: ExitCause
    var status: WaitStatus
    var durationMs: Int
    /// The last 4 KiB of the scanner's stderr ("" when it wrote none).
    var stderrTail: String

    /// Waits for `pid` (started at `startedMonotonicNs` into `slot`). `whileRunning` runs once the
    /// scanner is registered as running (the shared queue stops it there when its lease is lost).
    /// A scanner that exits 0 without writing `output` counts as crashed.
    static func wait(for pid: pid_t, slot: Int, config: SpoolConfiguration, scans: RunningScans, slots: SlotBoard,
                     stderrPath: String, output: String, startedMonotonicNs: Int64,
                     whileRunning: (pid_t) -> Void = { _ in }) async -> ScannerEnd {
        let control = ScanControl(pid: pid)
        scans.add(control)
        let (timeout, grace) = (config.timeoutSeconds, config.killGraceSeconds)
        let timer = Task.detached {
            try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
            control.kill(forShutdown: false, grace: grace) { !scans.contains(pid) }
        }
        whileRunning(pid)
        let status = await ChildProcess.wait(pid)
        timer.cancel()
        scans.remove(pid)
        ChildProcess.signalGroup(pid, SIGKILL)  // anything it left running in its group
        slots.idle(slot)

        let durationMs = Int((Timestamp.monotonicNs() - startedMonotonicNs) / 1_000_000)
        let tail = FileOps.readChunk(stderrPath, limit: 4096).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let head = FileOps.readChunk(stderrPath, limit: 4096, fromStart: true).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let firstLine = head.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var cause = ExitCause.classify(status, timedOut: control.wasTimedOut, timeoutSeconds: Int(timeout.rounded(.up)),
                                       stoppedByShutdown: control.wasStoppedByShutdown, firstLine: firstLine, tail: tail)
        if cause == .success && FileOps.lstat(output) == nil {
            cause = .crashed("exit 0 without writing \(output)")
        }
        return ScannerEnd(cause: cause, status: status, durationMs: durationMs, stderrTail: tail)
    }
}
