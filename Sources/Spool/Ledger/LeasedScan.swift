import Foundation
import SpoolscanCore

/// Runs the scanner once for a job claimed from the shared ledger.
///
/// Unlike ``ScanAttempt`` nothing is written to `.state/jobs/` (the ledger holds the attempts),
/// and the work folder is named after the job and its fencing token (`.state/work/qID-TOKEN`),
/// so a host that lost its lease and the job's new owner never share one.
struct LeasedScan: Sendable {
    let layout: SpoolLayout
    let config: SpoolConfiguration
    let scans: RunningScans
    let slots: SlotBoard

    struct Result: Sendable {
        var cause: ExitCause
        var startedAtNs: Int64
        var durationMs: Int
        var stderrTail: String
    }

    /// The work folder of one claim.
    static func workFolder(_ layout: SpoolLayout, _ job: LedgerJob) -> String {
        "\(layout.work)/q\(job.id)-\(job.token)"
    }

    /// Spawns the scanner on `in-progress/NAME`, enforces the timeout, stops it when `lease`
    /// reports the lease lost, and classifies how it ended. Throws `HNDL-003` when it cannot start.
    func run(_ job: LedgerJob, slot: Int, lease: LeaseFlag) async throws -> Result {
        let work = Self.workFolder(layout, job)
        let artifact = try ScannerWorkFolder.prepare(work, layout: layout, name: job.name)
        defer { ScannerWorkFolder.release(artifact, work: work) }
        let stderrPath = "\(work)/stderr.log"
        let (executable, arguments, memoryLimit) = config.scanner.invocation(
            artifact: artifact, output: "\(work)/raw.json", memoryMB: config.memoryLimitMB)
        let startNs = Timestamp.nowNs()
        let startMono = Timestamp.monotonicNs()
        let pid: pid_t
        do {
            pid = try await ChildProcess.spawn(executable, arguments, stderrPath: stderrPath, lockFD: nil,
                                               memoryLimitBytes: memoryLimit)
        } catch {
            throw SpoolscanError(.scannerConfigInvalid, "cannot start the scanner: \(error)")
        }
        slots.busy(slot, job: job.name, attempt: Int(job.token), pid: pid)
        let end = await ScannerEnd.wait(for: pid, slot: slot, config: config, scans: scans, slots: slots,
                                        stderrPath: stderrPath, output: "\(work)/raw.json", startedMonotonicNs: startMono) { pid in
            lease.onLoss { ChildProcess.signalGroup(pid, SIGKILL) }
        }
        return Result(cause: end.cause, startedAtNs: startNs, durationMs: end.durationMs, stderrTail: end.stderrTail)
    }

}
