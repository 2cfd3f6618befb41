import Foundation
import Logging
import ScanReport
import SpoolscanCore

/// Carries one claimed job through its states: scan (`in-progress/`), report (`parsing/`), then
/// `done/`, `quarantine/` or `error/` — or back to `pending/` for another attempt.
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
    func run(_ job: consuming ClaimedJob, slot: Int) async -> JobOutcome {
        var location = JobState.inProgress
        var name = job.name
        let inode = job.inode
        var outcome: JobOutcome
        var log = logger
        log[metadataKey: "job"] = "\(job.name)"
        do throws(SpoolscanError) {
            var record = try current(name)
            if record.countedAttempts >= config.maxAttempts {
                outcome = try fail(&record, name: name, from: location, cause: lastCause(record), exhausted: true, log)
            } else {
                let attempt = ScanAttempt(layout: layout, config: config, receipts: receipts, scans: scans, slots: slots)
                let result = try await attempt.run(name: name, inode: inode, lockFD: job.lock.fd, record: &record, slot: slot)
                if result.cause == .success {
                    name = try Claim.move(layout, name: name, from: .inProgress, to: .parsing, durable: false)
                    location = .parsing
                    log.info("scanned", metadata: ["from": "in-progress", "to": "parsing",
                                                    "attempt": .stringConvertible(record.attempts.count), "scan_ms": .stringConvertible(result.durationMs)])
                    outcome = try await report(&record, name: name, scan: result, log)
                } else {
                    outcome = try settle(&record, name: name, from: location, cause: result.cause, log)
                }
            }
        } catch {
            outcome = recoverFrom(error, name: name, location: location, inode: inode, log)
        }
        let finished: Bool
        switch outcome {
        case .done, .failed: finished = true
        default: finished = false
        }
        if finished {
            receipts.delete(inode)
            FileOps.removeTree(layout.workFolder(inode))
        }
        switch outcome {
        case .done(let finalName, let state):
            config.actions?.jobFinished(layout: layout, state: state == .quarantine ? .quarantine : .done, name: finalName)
        case .failed(let finalName, _):
            config.actions?.jobFinished(layout: layout, state: .error, name: finalName)
        default: break
        }
        job.lock.release(removeFile: finished)
        slots.release(slot)
        return outcome
    }

    private func current(_ name: String) throws(SpoolscanError) -> JobRecord {
        let path = "\(layout.inProgress)/\(name)"
        guard let stat = FileOps.lstat(path) else { throw SystemCallError("lstat", path, ENOENT).spoolscanError }
        return try receipts.receive(name, stat, seenAtNs: config.clock.nowNs())
    }

    private func lastCause(_ record: JobRecord) -> ExitCause {
        guard let last = record.attempts.last(where: \.counted), let kind = last.cause else { return .interrupted }
        return ExitCause(kind: kind, code: last.code, detail: last.detail,
                         timeoutSeconds: Int(config.timeoutSeconds.rounded(.up)))
    }

    /// Builds the final report through the hook (on a thread of its own: matching reads the
    /// database) and moves artifact and report to `done/` — or to `quarantine/` when that setting
    /// is on and the report's verdict is `fail`.
    private func report(_ record: inout JobRecord, name: String, scan: ScanAttempt.Result,
                        _ log: Logger) async throws(SpoolscanError) -> JobOutcome {
        let parseStart = config.clock.monotonicNs()
        let work = layout.workFolder(record.inode)
        let final = "\(work)/final.json"
        let suffix = SpoolLayout.reportSuffix
        var target = JobState.done
        while true {
            var finalName = try finalizer.reserve(from: .parsing, name: name, to: target, suffix: suffix)
            let info = JobInfo(name: finalName, originalName: finalName == record.originalName ? nil : record.originalName,
                               receivedAt: Timestamp.rfc3339(ns: record.receivedAtNs), attempts: record.countedAttempts,
                               scanStartedAt: Timestamp.rfc3339(ns: scan.startedAtNs), scanDurationMs: scan.durationMs)
            let hook = self.hook, sidecars = config.sidecars
            do {
                try await BlockingWork.run { () throws -> Void in
                    try hook("\(work)/raw.json", final, info)
                    try ReportSidecar.writeAll(sidecars, forReportAt: final)
                }
            } catch {
                finalizer.unreserve(to: target, name: finalName)
                let cause = Self.hookCause(error)
                let index = record.attempts.count - 1
                record.attempts[index].cause = cause.kind
                record.attempts[index].code = cause.code
                record.attempts[index].detail = cause.detail
                record.attempts[index].counted = cause.isCounted
                try receipts.save(record)
                return try settle(&record, name: name, from: .parsing, cause: cause, log)
            }
            if config.quarantine, target == .done, ReportVerdict.read(final) == "fail" {
                // The report names the job `finalName`: keep it when quarantine/ has it free,
                // else build the report again under the name quarantine/ gives.
                finalizer.unreserve(to: .done, name: finalName)
                target = .quarantine
                let moved = try finalizer.reserve(from: .parsing, name: name, to: .quarantine, suffix: suffix)
                guard moved == finalName else {
                    finalizer.unreserve(to: .quarantine, name: moved)
                    continue
                }
                finalName = moved
            }
            if try finalizer.commit(sidecar: final, to: target, name: finalName, suffix: suffix,
                                    formats: config.sidecars.map(\.suffix)) {
                try finalizer.complete(from: .parsing, name: name, to: target)
                let total = (config.clock.nowNs() - record.receivedAtNs) / 1_000_000
                log.info("finished", metadata: FinishedLogFields.metadata(reportAt: "\(layout.folder(target))/\(finalName)\(suffix)")
                    .merging([
                        "from": "parsing", "to": "\(target.rawValue)", "name": "\(finalName)",
                        "parse_ms": .stringConvertible((config.clock.monotonicNs() - parseStart) / 1_000_000),
                        "total_ms": .stringConvertible(total),
                    ], uniquingKeysWith: { $1 }))
                return .done(name: finalName, state: target)
            }
        }
    }

    /// The cause of a failed report hook: a ``SpoolscanError`` keeps its code (its category
    /// decides), ENOSPC is `HNDL-007` (host: held), anything else `HNDL-001` (retried, counted).
    static func hookCause(_ error: any Error) -> ExitCause {
        if let error = error as? SpoolscanError { return ExitCause(error) }
        if let error = error as? SystemCallError, error.isDiskFull { return .diskFull(error.description) }
        if let error = error as? POSIXError, error.code == .ENOSPC || error.code == .EDQUOT {
            return .diskFull("writing the report: \(error.localizedDescription)")
        }
        return .reportFailed("report processing failed: \(error)")
    }

    /// What happens after an attempt that did not end in a report, by the cause's category.
    private func settle(_ record: inout JobRecord, name: String, from: JobState, cause: ExitCause,
                        _ log: Logger) throws(SpoolscanError) -> JobOutcome {
        switch cause.disposition {
        case .done, .fail:
            return try fail(&record, name: name, from: from, cause: cause, exhausted: false, log)
        case .retry:
            if record.countedAttempts >= config.maxAttempts {
                return try fail(&record, name: name, from: from, cause: cause, exhausted: true, log)
            }
            return try requeue(&record, name: name, from: from, cause: cause,
                               delay: config.retryDelay(afterCounted: record.countedAttempts), log)
        case .hold:
            let delay = cause == .shutdown ? 0 : config.holdDelay(holds: record.heldAttempts)
            return try requeue(&record, name: name, from: from, cause: cause, delay: delay, log)
        case .stop:
            let outcome = try requeue(&record, name: name, from: from, cause: cause, delay: 0, log)
            guard case .requeued(let queued, let inode, _, _) = outcome else { return outcome }
            return .stopped(name: queued, inode: inode, reason: cause.detail)
        }
    }

    private func requeue(_ record: inout JobRecord, name: String, from: JobState, cause: ExitCause, delay: Double,
                         _ log: Logger) throws(SpoolscanError) -> JobOutcome {
        record.owner = nil
        let notBefore = config.clock.nowNs() + Int64(delay * 1e9)
        record.notBeforeNs = delay > 0 ? notBefore : nil
        try receipts.save(record)
        let queued = try Claim.move(layout, name: name, from: from, to: .pending)
        log.warning(cause.disposition == .hold ? "held" : "requeued", metadata: [
            "from": "\(from.rawValue)", "to": "pending", "name": "\(queued)", "cause": "\(cause.label)",
            "code": "\(cause.code ?? "-")", "attempts": "\(record.countedAttempts)/\(config.maxAttempts)",
            "retry_in_ms": .stringConvertible(Int(delay * 1000)),
        ])
        return .requeued(name: queued, inode: record.inode, cause: cause, notBeforeNs: record.notBeforeNs)
    }

    /// Moves the job to `error/` with its error record.
    private func fail(_ record: inout JobRecord, name: String, from: JobState, cause: ExitCause, exhausted: Bool,
                      _ log: Logger) throws(SpoolscanError) -> JobOutcome {
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
                receivedAt: Timestamp.rfc3339(ns: record.receivedAtNs), failedAt: Timestamp.rfc3339(ns: config.clock.nowNs()),
                history: record.attempts)
            do throws(SpoolscanError) {
                try FileOps.write(try ErrorRecord.encode(entry), to: sidecar, durable: true)
            } catch {
                finalizer.unreserve(to: .error, name: finalName)
                throw error
            }
            if try finalizer.commit(sidecar: sidecar, to: .error, name: finalName, suffix: SpoolLayout.errorSuffix) {
                try finalizer.complete(from: from, name: name, to: .error)
                log.error("failed", metadata: ["from": "\(from.rawValue)", "to": "error", "name": "\(finalName)",
                                               "code": "\(code)", "attempts": .stringConvertible(record.countedAttempts)])
                return .failed(name: finalName, code: code)
            }
        }
    }

    /// After an error of the worker itself (disk full, a rename that failed), puts the job back in
    /// `pending/` without counting an attempt and holds it for a while, so a fault that persists
    /// costs one try per backoff period, never a busy loop.
    private func recoverFrom(_ coded: SpoolscanError, name: String, location: JobState, inode: UInt64,
                             _ log: Logger) -> JobOutcome {
        log.error("job interrupted", metadata: ["state": "\(location.rawValue)", "code": "\(coded.code.code)",
                                                "error": "\(coded)"])
        guard let queued = try? Claim.move(layout, name: name, from: location, to: .pending) else {
            return .fatal(coded.description)
        }
        if coded.code.category == .configuration { return .stopped(name: queued, inode: inode, reason: coded.description) }
        let cause: ExitCause = coded.code == .diskFull ? .diskFull(coded.description) : .coded(coded.code, message: coded.detail)
        let notBefore = config.clock.nowNs() + Int64(config.retryBackoffSeconds * 1e9)
        return .requeued(name: queued, inode: inode, cause: cause, notBeforeNs: notBefore)
    }
}
