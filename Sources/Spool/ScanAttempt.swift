import Foundation
import Logging
import SpoolscanCore

/// Runs the scanner once for a claimed job, recording the attempt durably before it starts.
struct ScanAttempt: Sendable {
    let layout: SpoolLayout
    let config: SpoolConfiguration
    let receipts: Receipts
    let scans: RunningScans
    let slots: SlotBoard

    /// What one attempt produced.
    struct Result: Sendable {
        var cause: ExitCause
        var startedAtNs: Int64
        var durationMs: Int
    }

    /// Counts the attempt (fsync), spawns the scanner, enforces the timeout, classifies the end
    /// and records it. Throws `HNDL-003` when the scanner cannot be started (the attempt is then
    /// not counted).
    /// The work folder is made before the attempt is recorded, so a failure to make it (disk
    /// full) leaves no counted attempt behind.
    func run(name: String, inode: UInt64, lockFD: Int32, record: inout JobRecord,
             slot: Int) async throws(SpoolscanError) -> Result {
        let work = layout.workFolder(inode)
        let artifact = try ScannerWorkFolder.prepare(work, layout: layout, name: name)
        defer { ScannerWorkFolder.release(artifact, work: work) }

        let startNs = Timestamp.nowNs()
        let startMono = Timestamp.monotonicNs()
        record.attempts.append(AttemptRecord(number: record.attempts.count + 1, startedAtNs: startNs))
        record.owner = .current
        record.scannerPid = nil
        record.notBeforeNs = nil
        do throws(SpoolscanError) {
            try receipts.save(record)
        } catch {
            record.attempts.removeLast()
            throw error
        }

        let raw = "\(work)/raw.json"
        let stderrPath = "\(work)/stderr.log"
        let (executable, arguments, memoryLimit) = config.scanner.invocation(
            artifact: artifact, output: raw, memoryMB: config.memoryLimitMB)
        let pid: pid_t
        do throws(SpoolscanError) {
            pid = try await ChildProcess.spawn(executable, arguments, stderrPath: stderrPath, lockFD: lockFD,
                                               memoryLimitBytes: memoryLimit)
        } catch {
            record.attempts.removeLast()
            _ = try? receipts.save(record)
            throw SpoolscanError(.scannerConfigInvalid, "cannot start the scanner: \(error.detail)")
        }
        record.scannerPid = pid
        _ = try? receipts.save(record, durable: false)
        slots.busy(slot, job: name, attempt: record.attempts.count, pid: pid)

        let end = await ScannerEnd.wait(for: pid, slot: slot, config: config, scans: scans, slots: slots,
                                        stderrPath: stderrPath, output: raw, startedMonotonicNs: startMono)
        let (cause, status, durationMs, tail) = (end.cause, end.status, end.durationMs, end.stderrTail)
        let index = record.attempts.count - 1
        record.attempts[index].durationMs = durationMs
        record.attempts[index].cause = cause.kind
        record.attempts[index].code = cause.code
        record.attempts[index].detail = cause == .success ? nil : "\(cause.detail) (\(status.text))"
        record.attempts[index].stderrTail = tail.isEmpty ? nil : tail
        record.attempts[index].counted = cause.isCounted
        record.scannerPid = nil
        // A successful attempt's end is not fsynced: lost to a power cut, the attempt reads as
        // interrupted, which counts exactly as a success does, and the job is found again in
        // in-progress/ or parsing/ (or completed from done/). Every other end is fsynced: a hold
        // read back as interrupted would spend an attempt on a fault of the host.
        try receipts.save(record, durable: cause != .success)
        return Result(cause: cause, startedAtNs: startNs, durationMs: durationMs)
    }
}
