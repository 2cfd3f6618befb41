import Foundation
import Logging
import ScanReport
@testable import Spool
import SpoolscanCore
import TestSupport
import Testing

@Suite struct JobNoticeTests {
    @Test func countsFindingsBySeverityAndKindLeavingSuppressedApart() {
        let counts = FindingCounts(ActionsFixtures.report(name: "a.tar"))
        #expect(counts.count(.critical) == 1)
        #expect(counts.count(.high) == 2)
        #expect(counts.count(.medium) == 1)
        #expect(counts.count(.low) == 0)
        #expect(counts.count(.vulnerability) == 2)
        #expect(counts.count(.secret) == 1)
        #expect(counts.count(.malware) == 1)
        #expect(counts.count(.misconfiguration) == 1)
        #expect(counts.suppressed == 1)
        #expect(counts.total == 5)
    }

    @Test func readsTheNoticeOfADoneAndAFailedJobFromTheirRecords() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let layout = SpoolLayout(root: dir.path)
        try ActionsFixtures.finishJob(spool: dir.path, folder: "done", name: "a.tar.1", report: ActionsFixtures.report(name: "a.tar.1"))
        try ActionsFixtures.failJob(spool: dir.path, name: "b.tar", record: ActionsFixtures.errorRecord(name: "b.tar"))

        let done = try JobNotice.read(layout: layout, state: .done, name: "a.tar.1")
        #expect(done.artifactPath == dir.path("done/a.tar.1"))
        #expect(done.reportPath == dir.path("done/a.tar.1.report.json"))
        #expect(done.verdict == "fail")
        #expect(done.errorCode == nil)
        #expect(done.scanDurationMs == 2500)
        #expect(done.findings.count(.critical) == 1)

        let failed = try JobNotice.read(layout: layout, state: .error, name: "b.tar")
        #expect(failed.reportPath == dir.path("error/b.tar.error.json"))
        #expect(failed.verdict == "none")
        #expect(failed.errorCode == "SCAN-003")
        #expect(failed.findings.total == 0)
        #expect(failed.finishedAt == "2026-11-27T00:12:03.456Z")

        #expect(throws: SpoolscanError.self) { try JobNotice.read(layout: layout, state: .quarantine, name: "a.tar.1") }
    }

    @Test func setsEveryDocumentedVariableAndNothingElse() {
        let notice = JobNotice(error: ActionsFixtures.errorRecord(name: "x"), spool: "/s",
                               artifactPath: "/s/error/x", reportPath: "/s/error/x.error.json")
        #expect(Set(notice.environment.keys) == Set(JobNotice.environmentNames))
        #expect(notice.environment["SPOOLSCAN_ORIGINAL_NAME"] == "")
        #expect(notice.environment["SPOOLSCAN_CRITICAL"] == "0")
    }

    @Test func rejectsCommandsThatCannotBeRun() {
        #expect(throws: SpoolscanError.self) { try NotificationHookConfiguration(commandLine: "  ") }
        #expect(throws: SpoolscanError.self) { try NotificationHookConfiguration(commandLine: "A=1 curl") }
        #expect(throws: SpoolscanError.self) { try NotificationHookConfiguration(commandLine: "true", timeoutSeconds: 0) }
        #expect((try? NotificationHookConfiguration(commandLine: "curl -d 'a b' URL"))?.command == ["curl", "-d", "a b", "URL"])
    }
}

@Suite struct NotificationHookTests {
    let logger = Logger(label: "test")

    func hook(_ commandLine: String, in dir: TemporaryDirectory, timeout: Double = 10, maxConcurrent: Int = 2,
              queueLimit: Int = 100, outcomes: Collected<HookOutcome>? = nil) throws -> NotificationHook {
        let configuration = try NotificationHookConfiguration(
            commandLine: commandLine, timeoutSeconds: timeout, killGraceSeconds: 0.3, maxConcurrent: maxConcurrent,
            queueLimit: queueLimit, stderrFolder: dir.path("hook-stderr"))
        guard let outcomes else { return NotificationHook(configuration, logger: logger) }
        return NotificationHook(configuration, logger: logger, onOutcome: { outcome in outcomes.append(outcome) })
    }

    @Test func hookReceivesTheDocumentedEnvironment() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let hostile = "a'b\"; $(touch spoolscan-pwned) `touch spoolscan-pwned` ${PATH}\nc.tar"
        try ActionsFixtures.finishJob(spool: dir.path, folder: "done", name: hostile, report: ActionsFixtures.report(name: hostile))
        let notice = try JobNotice.read(layout: SpoolLayout(root: dir.path), state: .done, name: hostile)
        let script = try ActionsFixtures.script(dir.path("hook.sh"), "env -0 > \"$1\"")
        let outcome = try await hook("\(script) '\(dir.path("env.out"))'", in: dir).run(notice)

        #expect(outcome.result == .succeeded)
        #expect(outcome.code == nil)
        let env = try ActionsFixtures.environment(in: dir.path("env.out"))
        #expect(env["SPOOLSCAN_STATE"] == "done")
        #expect(env["SPOOLSCAN_NAME"] == hostile)
        #expect(env["SPOOLSCAN_ARTIFACT"] == dir.path("done/\(hostile)"))
        #expect(env["SPOOLSCAN_REPORT"] == dir.path("done/\(hostile).report.json"))
        #expect(env["SPOOLSCAN_SPOOL"] == dir.path)
        #expect(env["SPOOLSCAN_VERDICT"] == "fail")
        #expect(env["SPOOLSCAN_ERROR_CODE"] == "")
        #expect(env["SPOOLSCAN_CRITICAL"] == "1")
        #expect(env["SPOOLSCAN_HIGH"] == "2")
        #expect(env["SPOOLSCAN_MEDIUM"] == "1")
        #expect(env["SPOOLSCAN_LOW"] == "0")
        #expect(env["SPOOLSCAN_VULNERABILITIES"] == "2")
        #expect(env["SPOOLSCAN_SECRETS"] == "1")
        #expect(env["SPOOLSCAN_MALWARE"] == "1")
        #expect(env["SPOOLSCAN_MISCONFIGURATIONS"] == "1")
        #expect(env["SPOOLSCAN_SUPPRESSED"] == "1")
        #expect(env["SPOOLSCAN_ATTEMPTS"] == "1")
        #expect(env["SPOOLSCAN_SCAN_DURATION_MS"] == "2500")
        #expect(env["SPOOLSCAN_DATABASE_BUILT_AT"] == "2026-11-26T00:00:00Z")
        for name in JobNotice.environmentNames { #expect(env[name] != nil, "\(name) not set") }
        #expect(env["PATH"] != nil)
        #expect(env["HOME"] == nil, "the hook gets the scrubbed environment")
        #expect(!FileManager.default.fileExists(atPath: "spoolscan-pwned"), "a notice value was run as a command")
    }

    @Test func failedJobReachesTheHookWithItsErrorCode() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try ActionsFixtures.failJob(spool: dir.path, name: "bad.tar", record: ActionsFixtures.errorRecord(name: "bad.tar"))
        let notice = try JobNotice.read(layout: SpoolLayout(root: dir.path), state: .error, name: "bad.tar")
        let script = try ActionsFixtures.script(dir.path("hook.sh"), "env -0 > \"$1\"")
        let outcome = try await hook("\(script) \(dir.path("env.out"))", in: dir).run(notice)
        #expect(outcome.result == .succeeded)
        let env = try ActionsFixtures.environment(in: dir.path("env.out"))
        #expect(env["SPOOLSCAN_STATE"] == "error")
        #expect(env["SPOOLSCAN_REPORT"] == dir.path("error/bad.tar.error.json"))
        #expect(env["SPOOLSCAN_ERROR_CODE"] == "SCAN-003")
        #expect(env["SPOOLSCAN_ERROR_MESSAGE"] == "truncated or corrupt archive: unexpected end")
        #expect(env["SPOOLSCAN_VERDICT"] == "none")
        #expect(env["SPOOLSCAN_CRITICAL"] == "0")
    }

    @Test func failingHookIsReportedWithItsCodeAndStderr() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let notice = JobNotice(error: ActionsFixtures.errorRecord(name: "x.tar"), spool: dir.path,
                               artifactPath: dir.path("error/x.tar"), reportPath: dir.path("error/x.tar.error.json"))
        let script = try ActionsFixtures.script(dir.path("fail.sh"), "echo first >&2\necho 'webhook refused: 503' >&2\nexit 3")
        let outcome = try await hook(script, in: dir).run(notice)
        #expect(outcome.result == .failed)
        #expect(outcome.detail == "exit 3")
        #expect(outcome.code == .notificationHookFailed)
        #expect(outcome.stderrLastLine == "webhook refused: 503")
        #expect(try FileOps.list(dir.path("hook-stderr")).isEmpty, "the stderr file is removed")

        let missing = try await hook(dir.path("no-such-hook"), in: dir).run(notice)
        #expect(missing.result == .notStarted)
        #expect(missing.code == .notificationHookFailed)
        try Data("#!/bin/sh\n".utf8).write(to: URL(fileURLWithPath: dir.path("not-executable.sh")))
        let notExecutable = try await hook(dir.path("not-executable.sh"), in: dir).run(notice)
        #expect(notExecutable.result == .notStarted)
    }

    @Test func timeoutKillsTheHooksWholeProcessGroup() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let notice = JobNotice(error: ActionsFixtures.errorRecord(name: "x.tar"), spool: dir.path,
                               artifactPath: dir.path("error/x.tar"), reportPath: dir.path("error/x.tar.error.json"))
        // Ignores SIGTERM (so SIGKILL must follow) and leaves a child behind in its group.
        let script = try ActionsFixtures.script(dir.path("slow.sh"), "trap '' TERM\nsleep 60 &\necho $! > \"$1\"\nwait")
        let outcome = try await hook("\(script) \(dir.path("child.pid"))", in: dir, timeout: 1.5).run(notice)
        #expect(outcome.result == .timedOut)
        #expect(outcome.code == .notificationHookFailed)
        #expect(outcome.detail == "timed out after 1.5 s")
        #expect(outcome.durationMs < 10_000)
        let child = try #require(Int32(String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir.path("child.pid"))),
                                              as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        var gone = false
        for _ in 0..<100 {
            let stat = try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)
            if stat == nil || stat!.contains(") Z ") { gone = true; break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(gone, "the hook's background child \(child) survived the timeout")
    }

    @Test func notifyReturnsBeforeTheHookRunsAndFinishWaitsForIt() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let outcomes = Collected<HookOutcome>()
        let script = try ActionsFixtures.script(dir.path("gate.sh"),
                                                "while [ ! -e \"$1\" ]; do sleep 0.02; done\ntouch \"$2\"")
        let hook = try hook("\(script) \(dir.path("go")) \(dir.path("ran"))", in: dir, outcomes: outcomes)
        hook.notify(JobNotice(error: ActionsFixtures.errorRecord(name: "x.tar"), spool: dir.path,
                              artifactPath: dir.path("error/x.tar"), reportPath: dir.path("error/x.tar.error.json")))
        // notify returned while the hook is still held at its gate.
        #expect(!FileManager.default.fileExists(atPath: dir.path("ran")))
        ActionsFixtures.touch(dir.path("go"))
        await hook.finish()
        #expect(FileManager.default.fileExists(atPath: dir.path("ran")))
        #expect(outcomes.all.map(\.result) == [.succeeded])
    }

    @Test func atMostMaxConcurrentHooksRunAtOnce() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let outcomes = Collected<HookOutcome>()
        let script = try ActionsFixtures.script(dir.path("one.sh"), """
            mkdir "$1/running" 2>/dev/null || echo overlap >> "$1/overlap"
            sleep 0.2
            rmdir "$1/running"
            echo ran >> "$1/count"
            """)
        let hook = try hook("\(script) \(dir.path)", in: dir, maxConcurrent: 1, outcomes: outcomes)
        for index in 0..<3 {
            hook.notify(JobNotice(error: ActionsFixtures.errorRecord(name: "x\(index)"), spool: dir.path,
                                  artifactPath: "", reportPath: ""))
        }
        await hook.finish()
        #expect(outcomes.all.count == 3)
        #expect(outcomes.all.allSatisfy { $0.result == .succeeded })
        #expect(!FileManager.default.fileExists(atPath: dir.path("overlap")), "two hooks ran at once")
        #expect(try String(contentsOfFile: dir.path("count"), encoding: .utf8).split(separator: "\n").count == 3)

        hook.notify(JobNotice(error: ActionsFixtures.errorRecord(name: "late"), spool: dir.path, artifactPath: "", reportPath: ""))
        #expect(outcomes.all.last?.result == .dropped, "a notice after finish() is dropped, not run")
    }

    @Test func aFullQueueDropsNoticesWithACode() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let outcomes = Collected<HookOutcome>()
        let script = try ActionsFixtures.script(dir.path("gate.sh"), "while [ ! -e \"$1\" ]; do sleep 0.02; done")
        let hook = try hook("\(script) \(dir.path("go"))", in: dir, maxConcurrent: 1, queueLimit: 1, outcomes: outcomes)
        for index in 0..<5 {
            hook.notify(JobNotice(error: ActionsFixtures.errorRecord(name: "x\(index)"), spool: dir.path,
                                  artifactPath: "", reportPath: ""))
        }
        ActionsFixtures.touch(dir.path("go"))
        await hook.finish()
        let results = outcomes.all.map(\.result)
        #expect(results.count == 5)
        #expect(results.filter { $0 == .dropped }.count >= 2)
        #expect(results.allSatisfy { $0 == .dropped || $0 == .succeeded })
        #expect(outcomes.all.filter { $0.result == .dropped }.allSatisfy { $0.code == .notificationHookFailed })
    }
}

@Suite struct FinishedJobActionsTests {
    @Test func oneCallCountsTheJobAndRunsTheHook() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let layout = SpoolLayout(root: dir.path)
        try ActionsFixtures.finishJob(spool: dir.path, folder: "quarantine", name: "a.tar", report: ActionsFixtures.report(name: "a.tar"))
        try ActionsFixtures.failJob(spool: dir.path, name: "b.tar", record: ActionsFixtures.errorRecord(name: "b.tar", code: "HNDL-004"))
        let script = try ActionsFixtures.script(dir.path("hook.sh"), "env -0 > \"$1/$SPOOLSCAN_STATE.env\"")
        let metrics = SpoolMetrics()
        let actions = FinishedJobActions(
            hook: try NotificationHookConfiguration(commandLine: "\(script) \(dir.path)", stderrFolder: dir.path(".hooks")),
            metrics: metrics, logger: Logger(label: "test"))
        actions.jobFinished(layout: layout, state: .quarantine, name: "a.tar")
        actions.jobFinished(layout: layout, state: .error, name: "b.tar")
        actions.jobFinished(layout: layout, state: .done, name: "missing.tar")
        await actions.finish()

        #expect(try ActionsFixtures.environment(in: dir.path("quarantine.env"))["SPOOLSCAN_VERDICT"] == "fail")
        #expect(try ActionsFixtures.environment(in: dir.path("error.env"))["SPOOLSCAN_ERROR_CODE"] == "HNDL-004")
        let snapshot = metrics.snapshot()
        #expect(snapshot.finished == [.init(result: "quarantine", code: ""): 1, .init(result: "error", code: "HNDL-004"): 1])
        #expect(snapshot.hookRuns == [.succeeded: 2])
        #expect(snapshot.verdicts == ["pass": 0, "fail": 1, "none": 1])
    }
}
