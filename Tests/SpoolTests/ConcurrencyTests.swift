import Foundation
import Testing

extension SpoolIntegration {
    @Suite struct Concurrency {
        /// A daemon and two sweeps on one spool at once: every artifact scanned exactly once.
        @Test func daemonAndTwoSweepsNeverClaimTwice() async throws {
            let harness = try SpoolHarness()
            try harness.setScanSleep(ms: 20)
            let names = (0..<60).map { String(format: "s-%02d.tar", $0) }
            for name in names { try harness.drop(name, name) }
            let common = ["--spool", harness.spool, "--workers", "2", "--settle-ms", "0", "--log-format", "json"]
                + harness.scannerFlag
            let daemon = try harness.start(["watch"] + common, log: "daemon")
            let sweep1 = try harness.start(["sweep"] + common, log: "sweep1")
            let sweep2 = try harness.start(["sweep"] + common, log: "sweep2")
            try await harness.waitUntil("sweeps exit", timeout: 60) { !sweep1.isRunning && !sweep2.isRunning }
            try await harness.waitUntil("60 done", timeout: 60) { harness.artifacts("done").count == 60 }
            #expect(daemon.isRunning, "daemon exited: \(harness.read("\(harness.logs)/daemon.stderr"))")
            #expect(try await harness.stop(daemon) == 0)
            #expect(sweep1.terminationStatus == 0 && sweep2.terminationStatus == 0)

            #expect(harness.artifacts("done") == names)
            #expect(harness.lines("overlap.log").isEmpty)
            let scanned = harness.lines("scans.log").map { String($0.split(separator: " ")[1]) }
            #expect(scanned.sorted() == names, "each artifact scanned exactly once")
            // Each sweep printed its summary; together with the daemon they did all 60.
            var sweepDone = 0
            for log in ["sweep1.stdout", "sweep2.stdout"] {
                let line = harness.read("\(harness.logs)/\(log)")
                #expect(line.hasPrefix("sweep: done="), "\(line)")
                sweepDone += Int(line.split(separator: " ")[1].dropFirst(5)) ?? 0
            }
            let daemonDone = harness.lines("daemon.stderr").filter { $0.contains(#""msg":"finished""#) }.count
            #expect(sweepDone + daemonDone == 60)
            #expect(sweepDone > 0, "the sweeps ran alongside the daemon")
            // Claims, from all three workers' logs: each artifact claimed once.
            let claimed = ["daemon.stderr", "sweep1.stderr", "sweep2.stderr"].flatMap { harness.lines($0) }
                .filter { $0.contains(#""msg":"claimed""#) }
                .compactMap { line in names.first { line.contains(#""job":"\#($0)""#) } }
            #expect(claimed.sorted() == names)
        }

        /// kill -9 of the daemon at random moments, restarted each time: nothing lost, nothing
        /// duplicated, never two scans of one artifact at once, attempts ≤ 3.
        @Test func killNineAndRestartLosesNothing() async throws {
            let harness = try SpoolHarness()
            try harness.setScanSleep(ms: 60)
            let names = (0..<40).map { String(format: "k-%02d.tar", $0) }
            for name in names { try harness.drop(name, name) }
            let args = ["--workers", "2", "--settle-ms", "0", "--timeout-seconds", "20"]
            var generator = SystemRandomNumberGenerator()
            for round in 0..<8 {
                let daemon = try await harness.startDaemon(args, log: "daemon\(round)")
                try await Task.sleep(for: .milliseconds(Int.random(in: 50...400, using: &generator)))
                kill(daemon.processIdentifier, SIGKILL)
                try await harness.waitUntil("daemon dead", timeout: 10) { !daemon.isRunning }
            }
            let daemon = try await harness.startDaemon(args, log: "final")
            try await harness.waitUntil("all finished", timeout: 60) {
                harness.artifacts("done").count + harness.artifacts("error").count == names.count
            }
            #expect(try await harness.stop(daemon) == 0)

            let finished = (harness.artifacts("done") + harness.artifacts("error")).sorted()
            #expect(finished == names, "none lost, none duplicated")
            #expect(harness.artifacts("pending").isEmpty && harness.artifacts("in-progress").isEmpty
                    && harness.artifacts("parsing").isEmpty)
            #expect(harness.lines("overlap.log").isEmpty, "two scans of one artifact at once")
            for name in harness.artifacts("done") {
                let job = try harness.json("\(harness.spool)/done/\(name).report.json")["job"] as? [String: Any]
                let attempts = job?["attempts"] as? Int ?? 99
                #expect((1...3).contains(attempts), "\(name): \(attempts) attempts")
            }
            for name in harness.artifacts("error") {
                let record = try harness.json("\(harness.spool)/error/\(name).error.json")
                #expect((record["attempts"] as? Int ?? 99) <= 3)
                #expect(record["code"] as? String == "HNDL-002")
            }
            // The kills did land mid-job: restarts requeued jobs left in flight.
            let restartLogs = (0..<8).map { "daemon\($0).stderr" } + ["final.stderr"]
            let requeued = restartLogs.flatMap { harness.lines($0) }.filter { $0.contains("requeued after restart") }
            #expect(!requeued.isEmpty)
            // At most three scanner starts per artifact.
            let starts = Dictionary(grouping: harness.lines("starts.log"), by: { $0.split(separator: " ")[1] })
            #expect(starts.values.allSatisfy { $0.count <= 3 })
            let left = try FileManager.default.contentsOfDirectory(atPath: "\(harness.spool)/.state/jobs")
            #expect(left.isEmpty, "\(left.map { harness.read("\(harness.spool)/.state/jobs/\($0)") })")
        }
    }
}
