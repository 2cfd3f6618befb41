import Foundation
import Testing
@testable import Spool

extension SpoolIntegration {
    /// Faults of the host and transient faults: no artifact pays for them, retries are spaced.
    @Suite struct Outages {
        /// `SPOOLSCAN_DB` naming a missing file: the sweep refuses to start with DB-001 and a
        /// non-zero exit; the image stays in pending/ with no attempt spent (every job used to
        /// end in error/ as HNDL-005). A garbage file is DB-002, and the daemon refuses too.
        @Test func unusableDatabaseRefusesToStart() async throws {
            let harness = try SpoolHarness()
            try harness.drop("good.tar", "good")
            let sweep = try harness.start(["sweep", "--spool", harness.spool] + harness.quickFlags, log: "sweep",
                                          environment: ["SPOOLSCAN_DB": "/nonexistent.db"])
            try await harness.waitUntil("sweep exit", timeout: 20) { !sweep.isRunning }
            #expect(sweep.terminationStatus == 1)
            let message = harness.read("\(harness.logs)/sweep.stderr")
            #expect(message.hasPrefix("DB-001: ") && message.split(separator: "\n").count == 1, "\(message)")
            #expect(harness.artifacts("pending") == ["good.tar"])
            #expect(harness.entries("error").isEmpty && harness.lines("starts.log").isEmpty)
            let records = (try? FileManager.default.contentsOfDirectory(atPath: "\(harness.spool)/.state/jobs")) ?? []
            for record in records where record.hasSuffix(".json") {
                let attempts = try harness.json("\(harness.spool)/.state/jobs/\(record)")["attempts"] as? [Any]
                #expect(attempts?.isEmpty != false)
            }

            let garbage = "\(harness.root)/garbage.db"
            try String(repeating: "not a database ", count: 100).write(toFile: garbage, atomically: false, encoding: .utf8)
            let (status, _) = try await harness.run(["watch", "--spool", harness.spool, "--db", garbage] + harness.quickFlags,
                                                    log: "watch")
            #expect(status == 1)
            #expect(harness.read("\(harness.logs)/watch.stderr").hasPrefix("DB-002: "))
            #expect(harness.artifacts("pending") == ["good.tar"] && harness.entries("error").isEmpty)
        }

        /// The scanner never sees SPOOLSCAN_* settings (a bad SPOOLSCAN_DB used to crash every scan).
        @Test func scannerEnvironmentHasNoSpoolscanSettings() {
            setenv("SPOOLSCAN_DB", "/nonexistent.db", 1)
            defer { unsetenv("SPOOLSCAN_DB") }
            let environment = ChildProcess.scrubbedEnvironment()
            #expect(!environment.contains { $0.hasPrefix("SPOOLSCAN_") })
            #expect(!environment.contains { $0.hasPrefix("HOME=") })
        }

        /// Retries are spaced by the backoff (base, then doubled), and the queue behind a job in
        /// backoff keeps moving: a job dropped after the crashing one finishes before its retries.
        @Test func retriesBackOffAndTheQueueMovesOn() async throws {
            let harness = try SpoolHarness()
            try harness.drop("crash.tar", "c")
            try harness.drop("later.tar", "l")
            let (status, output) = try await harness.run(
                ["sweep", "--spool", harness.spool, "--workers", "1", "--settle-ms", "0", "--retry-backoff-seconds", "0.4"]
                    + harness.scannerFlag, log: "sweep")
            #expect(status == 2 && output.contains("done=1 error=1"), "\(output)")
            let starts = harness.lines("starts.log").map { $0.split(separator: " ") }
            let crashes = starts.filter { $0[1] == "crash.tar" }.compactMap { Int64($0[2]) }
            try #require(crashes.count == 3)
            #expect(crashes[1] - crashes[0] >= 400_000_000, "second attempt 0.4 s after the first")
            #expect(crashes[2] - crashes[1] >= 800_000_000, "third attempt 0.8 s after the second")
            let order = starts.map { String($0[1]) }
            #expect(order == ["crash.tar", "later.tar", "crash.tar", "crash.tar"], "FIFO for the rest: \(order)")
            let record = try harness.json("\(harness.spool)/error/crash.tar.error.json")
            #expect(record["code"] as? String == "HNDL-005" && record["attempts"] as? Int == 3)
        }

        /// A receipt that cannot be written is tried again about a second later, not at the next
        /// full rescan (60 s).
        @Test func failedReceiptIsRetriedSoon() async throws {
            let harness = try SpoolHarness()
            let daemon = try await harness.startDaemon(["--settle-ms", "0", "--rescan-seconds", "60"])
            let jobs = "\(harness.spool)/.state/jobs"
            #expect(rename(jobs, jobs + "-away") == 0)
            try "".write(toFile: jobs, atomically: false, encoding: .utf8)  // receipts now fail (ENOTDIR)
            try harness.drop("a.tar", "a")
            try await harness.waitUntil("receipt failure logged", timeout: 10) {
                harness.read("\(harness.logs)/daemon.stderr").contains("cannot write receipt")
            }
            unlink(jobs)
            #expect(rename(jobs + "-away", jobs) == 0)
            let restored = Date()
            try await harness.waitUntil("a.tar done", timeout: 10) {
                harness.entries("done").contains("a.tar.report.json")
            }
            #expect(Date().timeIntervalSince(restored) < 5)
            #expect(try await harness.stop(daemon) == 0)
        }

        /// A daemon killed with SIGKILL takes its scanners with it (parent-death signal): the
        /// scanner does not run on until the next daemon starts.
        @Test func killedDaemonLeavesNoScannerRunning() async throws {
            let harness = try SpoolHarness()
            let daemon = try await harness.startDaemon(["--settle-ms", "0"])
            try harness.drop("hang.tar", "h")
            try await harness.waitUntil("scan started", timeout: 10) { harness.lines("starts.log").count == 1 }
            let pid = try #require(harness.lines("starts.log").first?.split(separator: " ").last.flatMap { Int32($0) })
            kill(daemon.processIdentifier, SIGKILL)
            try await harness.waitUntil("daemon gone", timeout: 10) { !daemon.isRunning }
            try await harness.waitUntil("scanner gone", timeout: 3) { kill(pid, 0) != 0 }
            // The next daemon recovers the job (its attempt counted as interrupted).
            let next = try await harness.startDaemon(["--settle-ms", "0", "--grace-seconds", "0.2"], log: "daemon2")
            try await harness.waitUntil("requeued and started", timeout: 10) { harness.lines("starts.log").count == 2 }
            #expect(try await harness.stop(next) == 0)
        }
    }
}
