import Foundation
import Logging
import ScanReport
import SpoolscanCore

/// Carries one claimed job through its states: scan (`in-progress/`), report (`parsing/`), then
/// `done/` or `error/` — or back to `pending/` for another attempt.
struct JobRunner: Sendable {
    let layout: SpoolLayout
    let config: SpoolConfiguration
    let hook: ReportHook
    let logger: Logger
    let scans: RunningScans
    let slots: SlotBoard

    var receipts: Receipts { Receipts(layout: layout) }
    var finalizer: Finalizer { Finalizer(layout: layout) }

    /// Runs the job to its next resting state; releases the job lock and the slot.
    func run(_ job: ClaimedJob, slot: Int) async -> JobOutcome {
        var location = JobState.inProgress
        var name = job.name
        var outcome: JobOutcome
        var log = logger
        log[metadataKey: "job"] = "\(job.name)"
        do {
            var record = try current(job)
            if record.countedAttempts >= config.maxAttempts {
                outcome = try fail(&record, name: name, from: location, cause: lastCause(record), exhausted: true, log)
            } else {
                let attempt = ScanAttempt(layout: layout, config: config, receipts: receipts, scans: scans, slots: slots)
                let result = try await attempt.run(job, record: &record, slot: slot)
                switch result.cause {
                case .success:
                    name = try Claim.move(layout, name: name, from: .inProgress, to: .parsing)
                    location = .parsing
                    log.info("scanned", metadata: ["from": "in-progress", "to": "parsing",
                                                    "attempt": "\(record.attempts.count)", "scan_ms": "\(result.durationMs)"])
                    outcome = try report(&record, name: name, scan: result, log)
                case .badInput:
                    outcome = try fail(&record, name: name, from: location, cause: result.cause, exhausted: false, log)
                default:
                    outcome = try retryOrFail(&record, name: name, from: location, cause: result.cause, log)
                }
            }
        } catch {
            outcome = recoverFrom(error, name: name, location: location, inode: job.inode, log)
        }
        let finished: Bool
        switch outcome {
        case .done, .failed: finished = true
        default: finished = false
        }
        if finished {
            receipts.delete(job.inode)
            FileOps.removeTree(layout.workFolder(job.inode))
        }
        job.lock.release(removeFile: finished)
        slots.release(slot)
        return outcome
    }

    private func current(_ job: ClaimedJob) throws -> JobRecord {
        let path = "\(layout.inProgress)/\(job.name)"
        guard let stat = FileOps.lstat(path) else { throw SystemCallError("lstat", path, ENOENT) }
        return try receipts.receive(job.name, stat, seenAtNs: Timestamp.nowNs())
    }

    private func lastCause(_ record: JobRecord) -> ExitCause {
        guard let last = record.attempts.last(where: \.counted) else { return .interrupted }
        switch last.cause {
        case "timeout": return .timedOut(seconds: Int(config.timeoutSeconds.rounded(.up)))
        case "out-of-memory": return .outOfMemory(last.detail ?? "out of memory")
        case "disk-full": return .diskFull(last.detail ?? "disk full")
        case "crashed": return .crashed(last.detail ?? "crashed")
        case "report-failed": return .reportFailed(last.detail ?? "report failed")
        default: return .interrupted
        }
    }

    /// Builds the final report through the hook and moves artifact and report to `done/`.
    private func report(_ record: inout JobRecord, name: String, scan: ScanAttempt.Result, _ log: Logger) throws -> JobOutcome {
        let parseStart = Timestamp.monotonicNs()
        let work = layout.workFolder(record.inode)
        let final = "\(work)/final.json"
        while true {
            let finalName = try finalizer.reserve(from: .parsing, name: name, to: .done, suffix: SpoolLayout.reportSuffix)
            let info = JobInfo(name: finalName, originalName: finalName == record.originalName ? nil : record.originalName,
                               receivedAt: Timestamp.rfc3339(ns: record.receivedAtNs), attempts: record.countedAttempts,
                               scanStartedAt: Timestamp.rfc3339(ns: scan.startedAtNs), scanDurationMs: scan.durationMs)
            do {
                try hook("\(work)/raw.json", final, info)
            } catch {
                finalizer.unreserve(to: .done, name: finalName)
                let cause = Self.hookCause(error)
                record.attempts[record.attempts.count - 1].cause = cause.label
                record.attempts[record.attempts.count - 1].code = cause.code
                record.attempts[record.attempts.count - 1].detail = cause.detail
                try receipts.save(record)
                if case .badInput = cause {
                    return try fail(&record, name: name, from: .parsing, cause: cause, exhausted: false, log)
                }
                return try retryOrFail(&record, name: name, from: .parsing, cause: cause, log)
            }
            if try finalizer.commit(sidecar: final, to: .done, name: finalName, suffix: SpoolLayout.reportSuffix) {
                try finalizer.complete(from: .parsing, name: name, to: .done)
                let total = (Timestamp.nowNs() - record.receivedAtNs) / 1_000_000
                log.info("finished", metadata: [
                    "from": "parsing", "to": "done", "name": "\(finalName)",
                    "parse_ms": "\((Timestamp.monotonicNs() - parseStart) / 1_000_000)", "total_ms": "\(total)",
                ])
                return .done(name: finalName)
            }
        }
    }

    static func hookCause(_ error: any Error) -> ExitCause {
        if let error = error as? SpoolscanError {
            if error.code.code.hasPrefix("SCAN-") { return .badInput(code: error.code.code, message: error.detail) }
            if error.code == .diskFull { return .diskFull(error.description) }
            return .reportFailed(error.description)
        }
        if let error = error as? SystemCallError, error.isDiskFull { return .diskFull(error.description) }
        if let error = error as? POSIXError, error.code == .ENOSPC || error.code == .EDQUOT {
            return .diskFull("writing the report: \(error.localizedDescription)")
        }
        return .reportFailed("report processing failed: \(error)")
    }

    private func retryOrFail(_ record: inout JobRecord, name: String, from: JobState, cause: ExitCause,
                             _ log: Logger) throws -> JobOutcome {
        if cause != .shutdown && record.countedAttempts >= config.maxAttempts {
            return try fail(&record, name: name, from: from, cause: cause, exhausted: true, log)
        }
        record.owner = nil
        try receipts.save(record)
        let queued = try Claim.move(layout, name: name, from: from, to: .pending)
        log.warning("requeued", metadata: [
            "from": "\(from.rawValue)", "to": "pending", "name": "\(queued)", "cause": "\(cause.label)",
            "code": "\(cause.code ?? "-")", "attempts": "\(record.countedAttempts)/\(config.maxAttempts)",
        ])
        return .requeued(name: queued, inode: record.inode, cause: cause)
    }

    /// Moves the job to `error/` with its error record.
    private func fail(_ record: inout JobRecord, name: String, from: JobState, cause: ExitCause, exhausted: Bool,
                      _ log: Logger) throws -> JobOutcome {
        let work = layout.workFolder(record.inode)
        try FileOps.makeDirectory(work)
        let sidecar = "\(work)/error.json"
        let code = cause.code ?? ErrorCode.retriesExhausted.code
        let message = exhausted
            ? "\(ErrorCode.retriesExhausted.summary) after \(record.countedAttempts) attempts; last: \(cause.detail)"
            : cause.detail
        while true {
            let finalName = try finalizer.reserve(from: from, name: name, to: .error, suffix: SpoolLayout.errorSuffix)
            let entry = ErrorRecord(
                name: finalName, originalName: finalName == record.originalName ? nil : record.originalName,
                code: code, message: message, attempts: record.countedAttempts, retriesExhausted: exhausted,
                receivedAt: Timestamp.rfc3339(ns: record.receivedAtNs), failedAt: Timestamp.rfc3339(ns: Timestamp.nowNs()),
                history: record.attempts)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            do {
                try FileOps.write(try encoder.encode(entry), to: sidecar, durable: true)
            } catch {
                finalizer.unreserve(to: .error, name: finalName)
                throw error
            }
            if try finalizer.commit(sidecar: sidecar, to: .error, name: finalName, suffix: SpoolLayout.errorSuffix) {
                try finalizer.complete(from: from, name: name, to: .error)
                log.error("failed", metadata: ["from": "\(from.rawValue)", "to": "error", "name": "\(finalName)",
                                               "code": "\(code)", "attempts": "\(record.countedAttempts)"])
                return .failed(name: finalName, code: code)
            }
        }
    }

    /// After an unexpected error (disk full, scanner missing), puts the job back in `pending/`.
    private func recoverFrom(_ error: any Error, name: String, location: JobState, inode: UInt64, _ log: Logger) -> JobOutcome {
        let described = (error as? SystemCallError)?.spoolscanError.description ?? "\(error)"
        log.error("job interrupted", metadata: ["state": "\(location.rawValue)", "error": "\(described)"])
        guard let queued = try? Claim.move(layout, name: name, from: location, to: .pending) else {
            return .fatal(described)
        }
        if let error = error as? SpoolscanError, error.code == .scannerConfigInvalid { return .fatal(described) }
        let cause: ExitCause = (error as? SystemCallError)?.isDiskFull == true ? .diskFull(described) : .reportFailed(described)
        return .requeued(name: queued, inode: inode, cause: cause)
    }
}
