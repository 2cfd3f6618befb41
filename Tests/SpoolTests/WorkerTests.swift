import Foundation
import Logging
import ScanReport
import SpoolscanCore
import Testing
@testable import Spool

/// The worker in-process, with the fake scanner.
@Suite struct WorkerTests {
    /// IN_Q_OVERFLOW (events lost) makes the worker rescan pending/ and pick up what it missed;
    /// a recently modified file found that way is not taken until it has settled.
    @Test func overflowRescansAndSettlingWaits() async throws {
        let harness = try SpoolHarness()
        let clock = ManualClock()
        let (_, worker) = try harness.worker(settleMs: 300, retryBackoffSeconds: 5, clock: clock)
        defer { worker.slots.remove() }
        try harness.drop("missed.tar", "m")
        // Dropped a while ago: found by a rescan, it needs no settle time.
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-10)],
                                              ofItemAtPath: "\(harness.spool)/pending/missed.tar")
        try "fresh".write(toFile: "\(harness.spool)/pending/fresh.tar", atomically: false, encoding: .utf8)
        await worker.handle(PendingEvent(kind: .overflow, name: ""))
        try await harness.waitUntil("missed.tar done", timeout: 20) { harness.artifacts("done") == ["missed.tar"] }
        #expect(await worker.hasSettling)
        #expect(harness.artifacts("pending") == ["fresh.tar"])
        await worker.tick()
        #expect(harness.artifacts("pending") == ["fresh.tar"], "not settled on the clock yet")
        clock.advance(ms: 350)
        await worker.tick()
        try await harness.waitUntil("fresh.tar done", timeout: 20) { harness.artifacts("done").count == 2 }
        await worker.waitForRunning()
        #expect(await worker.summary == WorkSummary(done: 2, error: 0, skipped: 0, requeued: 0))
    }
}

/// The report hook: its errors decide what happens to a scanned job.
@Suite struct ReportHookTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }

    func run(_ hook: @escaping ReportHook, _ name: String, until state: String = "error") async throws -> (SpoolHarness, WorkSummary) {
        let harness = try SpoolHarness(name)
        let (_, worker) = try harness.worker(settleMs: 0, retryBackoffSeconds: 0.02, clock: ManualClock(), hook: hook)
        defer { worker.slots.remove() }
        try harness.drop("a.tar", "a")
        await worker.handle(PendingEvent(kind: .movedIn, name: "a.tar"))
        // What the daemon's and the sweep's loops do: tick (which dispatches after a pause).
        let ticker = Task {
            while !Task.isCancelled {
                await worker.tick()
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        defer { ticker.cancel() }
        // The sidecar is linked last: the artifact alone may be a reservation that is undone.
        let sidecar = "\(harness.spool)/\(state)/a.tar" + (state == "done" ? ".report.json" : ".error.json")
        try await harness.waitUntil("a.tar in \(state)/", timeout: 20) { FileManager.default.fileExists(atPath: sidecar) }
        await worker.waitForRunning()
        return (harness, await worker.summary)
    }

    /// ENOSPC while writing the report is a fault of the host: the job is held and tried again
    /// (after a pause) without spending its attempts; six disk-full interruptions and one good
    /// run give a report saying `attempts: 1`, with the six held attempts in no count.
    @Test func diskFullIsHeldWithoutSpendingAttempts() async throws {
        let failures = Counter()
        let hook: ReportHook = { raw, final, job in
            if failures.next() <= 6 { throw POSIXError(.ENOSPC) }
            try ReportHooks.addJobInfo(raw, final, job)
        }
        let (harness, summary) = try await run(hook, #function, until: "done")
        #expect(summary.done == 1 && summary.error == 0 && summary.requeued == 6)
        let job = try harness.json("\(harness.spool)/done/a.tar.report.json")["job"] as? [String: Any]
        #expect(job?["attempts"] as? Int == 1)
        #expect(harness.lines("starts.log").count == 7)
    }

    /// A database outage in the parsing stage (DB-001/DB-002, host faults) finishes the report
    /// with the DB-007 warning instead of failing the job.
    @Test func databaseOutageFinishesWithWarning() async throws {
        let hook = ReportHooks.matching(logger: Logger(label: "test")) { (_: inout Report) throws(SpoolscanError) in
            throw SpoolscanError(.dbCorrupt, "/x/advisories.db: file is not a database")
        }
        let (harness, summary) = try await run(hook, #function, until: "done")
        #expect(summary.done == 1 && summary.requeued == 0)
        let report = try harness.json("\(harness.spool)/done/a.tar.report.json")
        let warnings = report["warnings"] as? [[String: Any]] ?? []
        #expect(warnings.contains { $0["code"] as? String == "DB-007" && ($0["message"] as? String)?.contains("DB-002") == true })
        #expect((report["job"] as? [String: Any])?["attempts"] as? Int == 1)
    }

    /// A hook that finds the input bad (a SCAN code) sends the job to error/ at once.
    @Test func badInputFromTheHookFailsAtOnce() async throws {
        let (harness, summary) = try await run({ _, _, _ in throw SpoolscanError(.badManifest, "no config blob") }, #function)
        #expect(summary.error == 1 && summary.requeued == 0)
        let record = try harness.json("\(harness.spool)/error/a.tar.error.json")
        #expect(record["code"] as? String == "SCAN-012" && record["attempts"] as? Int == 1)
        #expect(record["message"] as? String == "SCAN-012: no config blob")
        #expect(harness.artifacts("parsing").isEmpty && harness.artifacts("done").isEmpty)
    }
}

extension SpoolHarness {
    /// A one-slot worker in this process on the harness's spool, with the fake scanner.
    func worker(settleMs: Int, retryBackoffSeconds: Double, clock: ManualClock,
                hook: @escaping ReportHook = ReportHooks.addJobInfo) throws -> (SpoolLayout, SpoolWorker) {
        let layout = SpoolLayout(root: spool)
        try layout.prepare()
        let config = SpoolConfiguration(workers: 1, timeoutSeconds: 20, settleMs: settleMs, diskFullPauseSeconds: 0.05,
                                        scanner: ScannerCommand(override: scannerFlag[1]),
                                        retryBackoffSeconds: retryBackoffSeconds, clock: clock)
        return (layout, SpoolWorker(layout: layout, config: config, hook: hook, logger: Logger(label: "test"), role: "sweep"))
    }
}

/// A clock the test moves by hand.
final class ManualClock: SpoolClock, @unchecked Sendable {
    private let lock = NSLock()
    private var offsetNs: Int64 = 0
    func nowNs() -> Int64 { lock.withLock { Timestamp.nowNs() + offsetNs } }
    func monotonicNs() -> Int64 { lock.withLock { Timestamp.monotonicNs() + offsetNs } }
    func advance(ms: Int) { lock.withLock { offsetNs += Int64(ms) * 1_000_000 } }
}

/// Backoff measured on the injected clock: no sleeping through it.
@Suite struct BackoffClockTests {
    @Test func retryWaitsForItsBackoffOnTheClock() async throws {
        let harness = try SpoolHarness()
        let clock = ManualClock()
        let (layout, worker) = try harness.worker(settleMs: 0, retryBackoffSeconds: 30, clock: clock)
        defer { worker.slots.remove() }
        try harness.drop("crash.tar", "c")
        await worker.handle(PendingEvent(kind: .movedIn, name: "crash.tar"))
        try await harness.waitUntil("first attempt over", timeout: 20) {
            harness.artifacts("pending") == ["crash.tar"] && harness.lines("starts.log").count == 1
        }
        await worker.waitForRunning()
        await worker.tick()
        #expect(await worker.runningCount == 0, "still in its 30 s backoff")
        #expect(harness.lines("starts.log").count == 1)
        clock.advance(ms: 29_000)
        await worker.tick()
        #expect(await worker.runningCount == 0)
        clock.advance(ms: 1_500)
        await worker.tick()
        try await harness.waitUntil("second attempt", timeout: 20) { harness.lines("starts.log").count == 2 }
        await worker.waitForRunning()
        let record = try #require(Receipts(layout: layout).allInodes().first.flatMap { Receipts(layout: layout).load($0) })
        #expect(record.countedAttempts == 2)
        #expect(record.notBeforeNs.map { $0 - clock.nowNs() > 50_000_000_000 } == true, "third waits 60 s")
    }
}
