import Foundation
import Logging
import ScanReport
import SpoolscanCore

/// Carries one job claimed from the shared ledger to its next resting state: `done/`,
/// `quarantine/` or `error/`, or back to `pending/`.
///
/// The scan and the report are made in the claim's own work folder; every move of the
/// artifact afterwards happens inside ``JobLedger/finish(_:attempt:move:)``, while the job's row
/// is locked and still carries this claim's token. A host whose lease expired (paused, cut off)
/// therefore cannot finalise the job or write over the new owner's report: its result is dropped
/// (`HNDL-025`). The category rules of ``JobRunner`` apply unchanged: the decision is the same
/// ``ExitCause/disposition``, the attempt limit the same `maxAttempts`.
struct LeasedJobRunner: Sendable {
    let layout: SpoolLayout
    let config: SpoolConfiguration
    let hook: ReportHook
    let logger: Logger
    let scans: RunningScans
    let slots: SlotBoard
    let ledger: any JobLedger

    enum Outcome: Sendable, Equatable {
        case finished(JobState, String)
        case requeued(String)
        /// Another host owns the job now; nothing was moved.
        case lost
        /// The files could not be moved; the lease runs out and a rescue puts the job back.
        case abandoned
        /// A `configuration` fault: back in `pending/`, and this daemon stops taking jobs.
        case stopped(String)
    }

    /// A report built before the row lock is taken (matching may take seconds).
    struct PreparedReport: Sendable {
        var target: JobState
        var name: String
        var info: JobInfo
    }

    func run(_ job: LedgerJob, slot: Int, lease: LeaseFlag) async -> Outcome {
        var jobLogger = logger
        jobLogger[metadataKey: "job"] = "\(job.name)"
        jobLogger[metadataKey: "token"] = "\(job.token)"
        let log = jobLogger
        let work = LeasedScan.workFolder(layout, job)
        defer {
            FileOps.removeTree(work)
            slots.release(slot)
        }
        if job.exhausted {
            return await commit(job, attempt: nil, lease: lease, log) { job, history in
                let last = history.last { $0.counted && $0.cause != nil }
                let cause = last.map { ExitCause(kind: $0.cause!, code: $0.code, detail: $0.detail,
                                                 timeoutSeconds: Int(config.timeoutSeconds.rounded(.up))) } ?? .interrupted
                return try fail(job, cause: cause, exhausted: true, history: history, log)
            }
        }
        let scan: LeasedScan.Result
        do {
            scan = try await LeasedScan(layout: layout, config: config, scans: scans, slots: slots).run(job, slot: slot, lease: lease)
        } catch {
            let coded = (error as? SpoolscanError) ?? SpoolscanError(.scannerConfigInvalid, "\(error)")
            let attempt = AttemptEnd(durationMs: 0, cause: .configuration, code: coded.code.code, detail: coded.description,
                                     stderrTail: nil, counted: false)
            let outcome = await commit(job, attempt: attempt, lease: lease, log) { job, _ in
                .requeued(name: try Claim.move(layout, name: job.name, from: .inProgress, to: .pending), delaySeconds: 0, hold: true)
            }
            return outcome == .lost ? .lost : .stopped(coded.description)
        }
        if lease.isLost {
            log.warning("lease lost, result dropped", metadata: ["code": "\(ErrorCode.leaseLost.code)"])
            return .lost
        }
        var cause = scan.cause
        var prepared: PreparedReport?
        if cause == .success {
            do {
                prepared = try await prepare(job, scan)
            } catch {
                cause = JobRunner.hookCause(error)
            }
        }
        log.info("scanned", metadata: ["cause": "\(cause.label)", "scan_ms": .stringConvertible(scan.durationMs)])
        let attempt = AttemptEnd(durationMs: scan.durationMs, cause: cause.kind, code: cause.code,
                                 detail: cause == .success ? nil : cause.detail,
                                 stderrTail: scan.stderrTail.isEmpty ? nil : scan.stderrTail, counted: cause.isCounted)
        let (finalCause, report) = (cause, prepared)
        let outcome = await commit(job, attempt: attempt, lease: lease, log) { job, history in
            if let report { return try finishReport(job, report) }
            return try settle(job, cause: finalCause, history: history, log)
        }
        if case .requeued = outcome, finalCause.disposition == .stop { return .stopped(finalCause.detail) }
        return outcome
    }

    /// Runs the fenced finish, trying again while the database is unreachable (the scan's result
    /// waits in the work folder; nothing is lost), until it commits or the lease turns out lost.
    private func commit(_ job: LedgerJob, attempt: AttemptEnd?, lease: LeaseFlag, _ log: Logger,
                        _ move: @escaping @Sendable (LedgerJob, [AttemptRecord]) throws -> FinishMove) async -> Outcome {
        lease.startFinishing()
        var delayMs = 500
        var warned = false
        while true {
            do {
                var result: FinishMove?
                let box = MoveBox()
                let committed = try await ledger.finish(job, attempt: attempt) { job, history in
                    let decided = try move(job, history)
                    box.set(decided)
                    return decided
                }
                result = box.value
                guard committed, let result else {
                    log.warning("lease lost, result dropped", metadata: ["code": "\(ErrorCode.leaseLost.code)"])
                    return .lost
                }
                switch result {
                case .finished(let state, let name, let code, _):
                    if state == .error {
                        log.error("failed", metadata: ["to": "error", "name": "\(name)", "code": "\(code ?? "-")"])
                    } else {
                        log.info("finished", metadata: ["to": "\(state.rawValue)", "name": "\(name)",
                                                        "total_ms": .stringConvertible((config.clock.nowNs() - job.receivedAtNs) / 1_000_000)])
                    }
                    config.actions?.jobFinished(layout: layout, state: JobNotice.State(rawValue: state.rawValue) ?? .done, name: name)
                    return .finished(state, name)
                case .requeued(let name, let delay, let hold):
                    log.warning(hold ? "held" : "requeued", metadata: ["to": "pending", "name": "\(name)",
                                                                       "retry_in_ms": .stringConvertible(Int(delay * 1000))])
                    return .requeued(name)
                }
            } catch let error as SpoolscanError where error.code == .queueUnreachable || error.code == .queueQueryFailed {
                if !warned {
                    log.error("cannot commit, trying again", metadata: ["code": "\(error.code.code)", "error": "\(error)"])
                    warned = true
                }
                try? await Task.sleep(for: .milliseconds(delayMs))
                delayMs = min(delayMs * 2, 10_000)
            } catch {
                log.error("job interrupted, left for rescue", metadata: ["error": "\(error)"])
                return .abandoned
            }
        }
    }

    /// Builds the final report (raw report + job info, sidecars) under the name the job will
    /// most likely get, and decides between `done/` and `quarantine/`.
    private func prepare(_ job: LedgerJob, _ scan: LeasedScan.Result) async throws -> PreparedReport {
        let work = LeasedScan.workFolder(layout, job)
        let name = freeName(job.name, in: .done)
        let info = JobInfo(name: name, originalName: name == job.name ? nil : job.name,
                           receivedAt: Timestamp.rfc3339(ns: job.receivedAtNs), attempts: job.counted,
                           scanStartedAt: Timestamp.rfc3339(ns: scan.startedAtNs), scanDurationMs: scan.durationMs)
        let (hook, sidecars) = (self.hook, config.sidecars)
        try await BlockingWork.run {
            try hook("\(work)/raw.json", "\(work)/final.json", info)
            try ReportSidecar.writeAll(sidecars, forReportAt: "\(work)/final.json")
        }
        let quarantined = config.quarantine && ReportVerdict.read("\(work)/final.json") == "fail"
        return PreparedReport(target: quarantined ? .quarantine : .done, name: name, info: info)
    }

    /// The first name `reserve` would try in `state` now.
    private func freeName(_ name: String, in state: JobState) -> String {
        let base = SpoolName.fitting(name, reserve: SpoolName.resultReserve)
        for index in 0..<100_000 {
            let candidate = index == 0 ? base : "\(base).\(index)"
            let target = "\(layout.folder(state))/\(candidate)"
            if FileOps.lstat(target) == nil && FileOps.lstat(target + SpoolLayout.reportSuffix) == nil { return candidate }
        }
        return base
    }

    /// Under the row lock: links artifact and report into `done/`/`quarantine/` (rebuilding the
    /// report if the name had to change), then drops `in-progress/NAME`.
    private func finishReport(_ job: LedgerJob, _ prepared: PreparedReport) throws -> FinishMove {
        let work = LeasedScan.workFolder(layout, job)
        let final = "\(work)/final.json"
        let finalizer = Finalizer(layout: layout)
        let suffix = SpoolLayout.reportSuffix
        while true {
            let name = try finalizer.reserve(from: .inProgress, name: job.name, to: prepared.target, suffix: suffix)
            if name != prepared.name {
                var info = prepared.info
                info.name = name
                info.originalName = name == job.name ? nil : job.name
                do {
                    try hook("\(work)/raw.json", final, info)
                    try ReportSidecar.writeAll(config.sidecars, forReportAt: final)
                } catch {
                    finalizer.unreserve(to: prepared.target, name: name)
                    throw error
                }
            }
            if try finalizer.commit(sidecar: final, to: prepared.target, name: name, suffix: suffix,
                                    formats: config.sidecars.map(\.suffix)) {
                try finalizer.complete(from: .inProgress, name: job.name, to: prepared.target)
                return .finished(prepared.target, name, code: nil, message: nil)
            }
        }
    }

    /// Under the row lock: what happens after an attempt that made no report, by its category.
    private func settle(_ job: LedgerJob, cause: ExitCause, history: [AttemptRecord], _ log: Logger) throws -> FinishMove {
        switch cause.disposition {
        case .done, .fail:
            return try fail(job, cause: cause, exhausted: false, history: history, log)
        case .retry:
            if job.counted >= config.maxAttempts {
                return try fail(job, cause: cause, exhausted: true, history: history, log)
            }
            let name = try Claim.move(layout, name: job.name, from: .inProgress, to: .pending)
            return .requeued(name: name, delaySeconds: config.retryDelay(afterCounted: job.counted), hold: false)
        case .hold, .stop:
            let delay = cause == .shutdown || cause.disposition == .stop ? 0 : config.holdDelay(holds: job.held + 1)
            let name = try Claim.move(layout, name: job.name, from: .inProgress, to: .pending)
            return .requeued(name: name, delaySeconds: delay, hold: true)
        }
    }

    /// Under the row lock: moves the job to `error/` with its error record (attempt history from the ledger).
    private func fail(_ job: LedgerJob, cause: ExitCause, exhausted: Bool, history: [AttemptRecord], _ log: Logger) throws -> FinishMove {
        let work = LeasedScan.workFolder(layout, job)
        try FileOps.makeDirectory(work)
        let sidecar = "\(work)/error.json"
        let counted = history.filter(\.counted).count
        let code = cause.code ?? ErrorCode.retriesExhausted.code
        let message = exhausted
            ? "\(ErrorCode.retriesExhausted.summary) after \(counted) attempts; last: \(cause.detail)"
            : cause.detail
        let finalizer = Finalizer(layout: layout)
        while true {
            let name = try finalizer.reserve(from: .inProgress, name: job.name, to: .error, suffix: SpoolLayout.errorSuffix)
            let entry = ErrorRecord(
                name: name, originalName: name == job.name ? nil : job.name, code: code, message: message,
                attempts: counted, retriesExhausted: exhausted, receivedAt: Timestamp.rfc3339(ns: job.receivedAtNs),
                failedAt: Timestamp.rfc3339(ns: config.clock.nowNs()), history: history)
            do {
                try FileOps.write(try ErrorRecord.encode(entry), to: sidecar, durable: true)
            } catch {
                finalizer.unreserve(to: .error, name: name)
                throw error
            }
            if try finalizer.commit(sidecar: sidecar, to: .error, name: name, suffix: SpoolLayout.errorSuffix) {
                try finalizer.complete(from: .inProgress, name: job.name, to: .error)
                return .finished(.error, name, code: code, message: message)
            }
        }
    }
}

/// Carries the decision made on the ledger's thread back to the runner.
private final class MoveBox: @unchecked Sendable {
    private let lock = NSLock()
    private var move: FinishMove?
    var value: FinishMove? { lock.withLock { move } }
    func set(_ value: FinishMove) { lock.withLock { move = value } }
}
