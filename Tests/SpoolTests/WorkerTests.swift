import Foundation
import Logging
import Testing
@testable import Spool

/// The worker in-process, with the fake scanner.
@Suite struct WorkerTests {
    /// IN_Q_OVERFLOW (events lost) makes the worker rescan pending/ and pick up what it missed;
    /// a recently modified file found that way is not taken until it has settled.
    @Test func overflowRescansAndSettlingWaits() async throws {
        let harness = try SpoolHarness()
        let layout = SpoolLayout(root: harness.spool)
        try layout.prepare()
        let config = SpoolConfiguration(workers: 1, timeoutSeconds: 20, settleMs: 300,
                                        scanner: ScannerCommand(override: harness.scannerFlag[1]))
        let worker = SpoolWorker(layout: layout, config: config, hook: ReportHooks.addJobInfo,
                                 logger: Logger(label: "test"), role: "sweep")
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
        try await Task.sleep(for: .milliseconds(350))
        await worker.tick()
        try await harness.waitUntil("fresh.tar done", timeout: 20) { harness.artifacts("done").count == 2 }
        await worker.waitForRunning()
        #expect(await worker.summary == WorkSummary(done: 2, error: 0, skipped: 0, requeued: 0))
    }
}
