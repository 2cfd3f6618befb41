import Foundation
import ScanReport
import SpoolscanCore
import Testing
@testable import Spool

/// `--notify-command`, `--metrics-file` and `--retention-days` on the real `watch` and `sweep`.
@Suite(.serialized) struct ActionFlagTests {
    /// A hook that keeps its environment in `hook.sh.NAME.env`.
    static func hook(_ harness: SpoolHarness) throws -> String {
        try ActionsFixtures.script("\(harness.root)/hook.sh", #"env -0 > "$0.$SPOOLSCAN_NAME.env""#)
    }

    @Test func sweepRunsTheHookAndWritesMetricsForEveryFinalState() async throws {
        let harness = try SpoolHarness()
        let scanner = try QuarantineTests.scanner(harness)
        let hook = try Self.hook(harness)
        let metrics = "\(harness.root)/spoolscan.prom"
        try harness.drop("evil.tar", "bad image")
        try harness.drop("good.tar", "good image")
        try harness.drop("bad.tar", "truncated")
        let (status, out) = try await harness.run(
            ["sweep", "--spool", harness.spool, "--quarantine", "--notify-command", hook, "--notify-timeout-seconds", "10",
             "--metrics-file", metrics] + scanner, log: "sweep")
        #expect(status == 2, "\(harness.read("\(harness.logs)/sweep.stderr"))")
        #expect(out.contains("done=1 error=1 skipped=0 quarantine=1"), "\(out)")

        let evil = try ActionsFixtures.environment(in: "\(hook).evil.tar.env")
        #expect(evil["SPOOLSCAN_STATE"] == "quarantine")
        #expect(evil["SPOOLSCAN_VERDICT"] == "fail")
        #expect(evil["SPOOLSCAN_MALWARE"] == "1")
        #expect(evil["SPOOLSCAN_REPORT"] == "\(harness.spool)/quarantine/evil.tar.report.json")
        let good = try ActionsFixtures.environment(in: "\(hook).good.tar.env")
        #expect(good["SPOOLSCAN_STATE"] == "done")
        #expect(good["SPOOLSCAN_VERDICT"] == "pass")
        #expect(good["SPOOLSCAN_ARTIFACT"] == "\(harness.spool)/done/good.tar")
        let bad = try ActionsFixtures.environment(in: "\(hook).bad.tar.env")
        #expect(bad["SPOOLSCAN_STATE"] == "error")
        #expect(bad["SPOOLSCAN_ERROR_CODE"] == "SCAN-003")

        let text = harness.read(metrics)
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        func value(_ name: String, _ labels: [String]) -> String? {
            samples.first { $0.hasPrefix(name + "{") && labels.allSatisfy($0.contains) }?.split(separator: " ").last.map(String.init)
        }
        #expect(value("spoolscan_jobs_finished_total", [#"result="quarantine""#, #"role="sweep""#]) == "1", "\(text)")
        #expect(value("spoolscan_jobs_finished_total", [#"result="done""#]) == "1")
        #expect(value("spoolscan_jobs_finished_total", [#"result="error""#, #"code="SCAN-003""#]) == "1")
        #expect(value("spoolscan_verdicts_total", [#"result="fail""#]) == "1")
        #expect(value("spoolscan_verdicts_total", [#"result="pass""#]) == "1")
        #expect(value("spoolscan_jobs", [#"state="quarantine""#]) == "1")
        #expect(value("spoolscan_notification_hook_runs_total", [#"result="succeeded""#]) == "3")
    }

    @Test func daemonRunsTheHookAndKeepsTheMetricsFile() async throws {
        let harness = try SpoolHarness()
        let hook = try Self.hook(harness)
        let metrics = "\(harness.root)/daemon.prom"
        let daemon = try await harness.startDaemon(["--notify-command", hook, "--metrics-file", metrics])
        try harness.drop("a.tar", "a")
        try await harness.waitUntil("hook", timeout: 30) { FileManager.default.fileExists(atPath: "\(hook).a.tar.env") }
        try await harness.waitUntil("metrics", timeout: 30) { harness.read(metrics).contains(#"result="done""#) }
        #expect(try await harness.stop(daemon) == 0)
        let notice = try ActionsFixtures.environment(in: "\(hook).a.tar.env")
        #expect(notice["SPOOLSCAN_STATE"] == "done")
        #expect(notice["SPOOLSCAN_NAME"] == "a.tar")
        #expect(harness.read(metrics).contains(#"role="daemon""#))
    }

    @Test func sweepRemovesOldFinishedJobsOnlyWhenAsked() async throws {
        let harness = try SpoolHarness()
        var old = ActionsFixtures.report(name: "old.tar", createdAt: "2020-01-01T00:00:00Z")
        old.verdict = nil
        try ActionsFixtures.finishJob(spool: harness.spool, folder: "done", name: "old.tar", report: old)
        let recent = ActionsFixtures.report(name: "new.tar", createdAt: Timestamp.rfc3339(ns: Timestamp.nowNs()))
        try ActionsFixtures.finishJob(spool: harness.spool, folder: "done", name: "new.tar", report: recent)

        let (plain, _) = try await harness.run(["sweep", "--spool", harness.spool] + harness.scannerFlag, log: "plain")
        #expect(plain == 0)
        #expect(harness.artifacts("done") == ["new.tar", "old.tar"])

        let (status, out) = try await harness.run(["sweep", "--spool", harness.spool, "--retention-days", "30"]
                                                  + harness.scannerFlag, log: "sweep")
        #expect(status == 0, "\(harness.read("\(harness.logs)/sweep.stderr"))")
        #expect(out.contains("retention (30 days): removed 1 jobs (2 files): done 1; 0 failures"), "\(out)")
        #expect(harness.artifacts("done") == ["new.tar"])
        #expect(!FileManager.default.fileExists(atPath: "\(harness.spool)/done/old.tar.report.json"))

        let (refused, _) = try await harness.run(["sweep", "--spool", harness.spool, "--retention-days", "0"]
                                                 + harness.scannerFlag, log: "zero")
        #expect(refused == 1)
        #expect(harness.read("\(harness.logs)/zero.stderr").hasPrefix("CONF-007: setting out of range: --retention-days"))
    }
}
