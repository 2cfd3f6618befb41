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
        FileOps.removeTree(work)
        try FileOps.makeDirectory(work)
        // A name that is not UTF-8 cannot pass through a scanner's command line intact (argument
        // parsers decode argv as UTF-8): such a scanner reads a hard link named `artifact` in the
        // work folder instead, removed when the scan ends.
        var artifact = "\(layout.inProgress)/\(name)"
        if !SpoolName.isUTF8(name) {
            guard try FileOps.link(artifact, "\(work)/artifact") else {
                throw SystemCallError("link", "\(work)/artifact", EEXIST).spoolscanError
            }
            artifact = "\(work)/artifact"
        }
        defer { if artifact.hasPrefix(work) { FileOps.remove(artifact) } }

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

        let control = ScanControl(pid: pid)
        scans.add(control)
        let timeout = config.timeoutSeconds
        let grace = config.killGraceSeconds
        let scans = self.scans
        let timer = Task.detached {
            try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
            control.kill(forShutdown: false, grace: grace) { !scans.contains(pid) }
        }
        let status = await ChildProcess.wait(pid)
        timer.cancel()
        scans.remove(pid)
        ChildProcess.signalGroup(pid, SIGKILL)  // anything it left running in its group
        slots.idle(slot)

        let durationMs = Int((Timestamp.monotonicNs() - startMono) / 1_000_000)
        let tail = FileOps.readChunk(stderrPath, limit: 4096).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let head = FileOps.readChunk(stderrPath, limit: 4096, fromStart: true).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let firstLine = head.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        var cause = ExitCause.classify(status, timedOut: control.wasTimedOut, timeoutSeconds: Int(timeout.rounded(.up)),
                                       stoppedByShutdown: control.wasStoppedByShutdown, firstLine: firstLine, tail: tail)
        if cause == .success && FileOps.lstat(raw) == nil {
            cause = .crashed("exit 0 without writing \(raw)")
        }
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
