import Foundation
import SpoolscanCore
import Testing
@testable import Spool

extension SpoolIntegration {
    /// A sweep that leaves jobs held for a fault of the host says so: a `held` count, a coded
    /// line naming the cause, and exit status 75 (not success, whatever else finished).
    @Suite struct HeldSweep {
        @Test func heldJobsAreCountedNamedAndFailTheSweep() async throws {
            let harness = try SpoolHarness()
            for name in ["good.tar", "bad.tar", "held.tar"] { try harness.drop(name, name) }
            let (status, output) = try await harness.run(
                ["sweep", "--spool", harness.spool, "--workers", "2", "--settle-ms", "0", "--retry-backoff-seconds", "0.2"]
                    + harness.scannerFlag, log: "sweep")
            #expect(status == 75, "held jobs make the sweep exit 75")
            #expect(output == "sweep: done=1 error=1 skipped=0 held=1\n", "\(output)")
            let stderr = harness.read("\(harness.logs)/sweep.stderr")
            let coded = stderr.split(separator: "\n").filter { $0.hasPrefix("HNDL-011") }
            #expect(coded.count == 1, "\(stderr)")
            #expect(coded.first?.contains("1 job left in pending/") == true, "\(stderr)")
            #expect(coded.first?.contains("SCAN-014: artifact cannot be read: injected fault of the host") == true, "\(stderr)")
            #expect(harness.artifacts("pending") == ["held.tar"])
            #expect(harness.artifacts("done") == ["good.tar"] && harness.artifacts("error") == ["bad.tar"])
            // The hold spent no attempt.
            let records = try FileManager.default.contentsOfDirectory(atPath: "\(harness.spool)/.state/jobs")
                .filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            #expect(records.count == 1)
            let attempts = try #require(try harness.json("\(harness.spool)/.state/jobs/\(records[0])")["attempts"] as? [[String: Any]])
            #expect(!attempts.isEmpty && attempts.allSatisfy { $0["counted"] as? Bool == false && $0["cause"] as? String == "host-fault" })
        }

        /// Nothing held: no coded line, the old exit statuses.
        @Test func summaryLineAndCodedLine() {
            var summary = WorkSummary()
            summary.done = 2
            #expect(summary.line == "done=2 error=0 skipped=0" && summary.heldError == nil)
            summary.held = 3
            summary.holdCause = "HNDL-007: disk full: write x: No space left on device"
            #expect(summary.line == "done=2 error=0 skipped=0 held=3")
            let error = summary.heldError
            #expect(error?.code == .jobsHeld && error?.code.category == .host)
            #expect(error?.description == "HNDL-011: jobs held for a fault of the host: 3 jobs left in pending/ (last cause: HNDL-007: disk full: write x: No space left on device); a later run tries again")
        }
    }
}
