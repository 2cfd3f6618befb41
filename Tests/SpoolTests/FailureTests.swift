import Foundation
import Testing

extension SpoolIntegration {
    @Suite struct Failures {
        /// Hang → HNDL-004 after three timed-out attempts; crash (SIGSEGV) → retried, HNDL-005;
        /// SIGKILL not sent by the pool → HNDL-006; exit 2 with SCAN-003 → error/ at once.
        @Test func failingScannersEndInErrorWithTheirCodes() async throws {
            let harness = try SpoolHarness()
            for name in ["hang.tar", "crash.tar", "oom.tar", "bad.tar", "good.tar"] { try harness.drop(name, name) }
            let started = Date()
            let (status, output) = try await harness.run(
                ["sweep", "--spool", harness.spool, "--workers", "2", "--timeout-seconds", "1", "--settle-ms", "0",
                 "--memory-limit-mb", "512", "--retry-backoff-seconds", "0.1"]
                    + harness.scannerFlag, log: "sweep")
            #expect(status == 2, "a sweep that left jobs in error/ exits 2")
            #expect(output.contains("sweep: done=1 error=4 skipped=0"), "\(output)")
            #expect(Date().timeIntervalSince(started) < 20)
            #expect(harness.artifacts("error") == ["bad.tar", "crash.tar", "hang.tar", "oom.tar"])
            #expect(harness.artifacts("done") == ["good.tar"])

            let expected: [(String, String, Int, String)] = [
                ("hang.tar", "HNDL-004", 3, "timeout"), ("crash.tar", "HNDL-005", 3, "crashed"),
                ("oom.tar", "HNDL-006", 3, "out-of-memory"), ("bad.tar", "SCAN-003", 1, "bad-input"),
            ]
            for (name, code, attempts, cause) in expected {
                let record = try harness.json("\(harness.spool)/error/\(name).error.json")
                #expect(record["code"] as? String == code, "\(name)")
                #expect(record["attempts"] as? Int == attempts, "\(name)")
                #expect(record["retriesExhausted"] as? Bool == (attempts == 3), "\(name)")
                let history = record["history"] as? [[String: Any]] ?? []
                #expect(history.count == attempts, "\(name)")
                for attempt in history {
                    #expect(attempt["cause"] as? String == cause, "\(name)")
                    #expect(attempt["startedAt"] is String && attempt["durationMs"] is Int, "\(name)")
                }
            }
            let bad = try harness.json("\(harness.spool)/error/bad.tar.error.json")
            #expect((bad["message"] as? String)?.contains("truncated tar header") == true)
            let badHistory = bad["history"] as? [[String: Any]] ?? []
            #expect((badHistory.first?["stderrTail"] as? String)?.contains("SCAN-003") == true)
            let hangStarts = harness.lines("starts.log").filter { $0.hasPrefix("start hang.tar") }
            #expect(hangStarts.count == 3)
            // The timed-out scanner's process group is gone (its `sleep 1000` too).
            let sleepers = harness.lines("starts.log").filter { $0.hasPrefix("start hang.tar") }
                .compactMap { $0.split(separator: " ").last.flatMap { Int32($0) } }
            try await harness.waitUntil("scanner process groups gone", timeout: 5) {
                sleepers.allSatisfy { kill(-$0, 0) != 0 }
            }
            // The memory limit reached the scanner (RLIMIT_AS), and nothing else leaked into it.
            #expect(harness.lines("limits.log").contains("good.tar \(512 * 1024)"))
            #expect(harness.lines("leaked-fds.log").isEmpty)
            // status lists the recent errors with their codes.
            let (_, text) = try await harness.run(["status", "--spool", harness.spool], log: "status")
            #expect(text.contains("Error: 4") && text.contains("Finished: 1"))
            for code in ["HNDL-004", "HNDL-005", "HNDL-006", "SCAN-003"] { #expect(text.contains(code), "\(code)") }
        }

        /// Spool folders on two filesystems (renames would fail with EXDEV) are refused with a clear error.
        static var shmIsAnotherFilesystem: Bool {
            var shm = stat(), temporary = stat()
            return stat("/dev/shm", &shm) == 0 && stat(NSTemporaryDirectory(), &temporary) == 0
                && shm.st_dev != temporary.st_dev
        }

        @Test(.enabled(if: shmIsAnotherFilesystem, "needs /dev/shm on another filesystem than the temporary folder"))
        func foldersOnTwoFilesystemsAreRefused() async throws {
            let harness = try SpoolHarness()
            let other = "/dev/shm/spooltest-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: other) }
            try FileManager.default.createSymbolicLink(atPath: "\(harness.spool)/done", withDestinationPath: other)
            let (status, _) = try await harness.run(["sweep", "--spool", harness.spool] + harness.scannerFlag, log: "sweep")
            #expect(status != 0)
            let message = harness.read("\(harness.logs)/sweep.stderr")
            #expect(message.contains("HNDL-009") && message.contains("EXDEV"), "\(message)")
        }

        /// A second daemon on the same spool fails with HNDL-008.
        @Test func secondDaemonIsRefused() async throws {
            let harness = try SpoolHarness()
            let daemon = try await harness.startDaemon()
            let (status, _) = try await harness.run(["watch", "--spool", harness.spool], log: "second")
            #expect(status != 0)
            #expect(harness.read("\(harness.logs)/second.stderr").contains("HNDL-008"))
            #expect(try await harness.stop(daemon) == 0)
        }

        /// SIGTERM: running scans get the grace period, then are stopped and requeued without
        /// counting the attempt; status shows the busy slot meanwhile; a restart finishes the job.
        @Test func shutdownRequeuesWithoutCountingTheAttempt() async throws {
            let harness = try SpoolHarness()
            try harness.setScanSleep(ms: 4_000)
            let daemon = try await harness.startDaemon(["--workers", "1", "--grace-seconds", "0.5"])
            try harness.drop("slow.tar", "slow")
            try harness.drop("next.tar", "next")
            try await harness.waitUntil("scan started", timeout: 10) { harness.lines("starts.log").count == 1 }

            let (_, statusJSON) = try await harness.run(["status", "--spool", harness.spool, "--json"], log: "status")
            let status = try JSONSerialization.jsonObject(with: Data(statusJSON.utf8)) as? [String: Any] ?? [:]
            let workers = status["workers"] as? [[String: Any]] ?? []
            let slots = workers.first?["slots"] as? [[String: Any]] ?? []
            #expect(slots.first?["job"] as? String == "slow.tar")
            let queue = status["queue"] as? [[String: Any]] ?? []
            #expect(queue.map { $0["name"] as? String } == ["next.tar"])
            let (_, statusText) = try await harness.run(["status", "--spool", harness.spool], log: "status-text")
            #expect(statusText.contains("slot 0: Busy  slow.tar"))
            #expect(statusText.contains("In progress: 1"))

            let stopped = Date()
            #expect(try await harness.stop(daemon) == 0)
            #expect(Date().timeIntervalSince(stopped) < 3.5)
            #expect(harness.artifacts("pending") == ["next.tar", "slow.tar"])
            #expect(harness.artifacts("in-progress").isEmpty)

            try harness.setScanSleep(ms: 0)
            let restarted = try await harness.startDaemon(["--workers", "1"], log: "daemon2")
            try await harness.waitUntil("2 done", timeout: 30) { harness.artifacts("done").count == 2 }
            #expect(try await harness.stop(restarted) == 0)
            let job = try harness.json("\(harness.spool)/done/slow.tar.report.json")["job"] as? [String: Any]
            #expect(job?["attempts"] as? Int == 1)
            // FIFO survives the restart: slow.tar (received first) started before next.tar.
            let starts = harness.lines("starts.log").map { String($0.split(separator: " ")[1]) }
            #expect(starts == ["slow.tar", "slow.tar", "next.tar"])
        }
    }
}
