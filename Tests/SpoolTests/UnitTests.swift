import Foundation
import Logging
import Testing
@testable import Spool
import SpoolscanCore

@Suite struct ExitCauseTests {
    @Test func classifiesEndings() {
        func classify(_ status: WaitStatus, timedOut: Bool = false, shutdown: Bool = false,
                      first: String = "", tail: String = "") -> ExitCause {
            ExitCause.classify(status, timedOut: timedOut, timeoutSeconds: 5, stoppedByShutdown: shutdown,
                               firstLine: first, tail: tail)
        }
        #expect(classify(.exited(0)) == .success)
        #expect(classify(.exited(2), first: "SCAN-003: truncated tar") == .coded(.truncated, message: "truncated tar"))
        #expect(classify(.exited(2), first: "usage: oops") == .crashed("exit 2 without a SCAN code on stderr"))
        #expect(classify(.signaled(SIGTERM), timedOut: true) == .timedOut(seconds: 5))
        #expect(classify(.signaled(SIGKILL), shutdown: true) == .shutdown)
        if case .outOfMemory = classify(.signaled(SIGKILL)) {} else { Issue.record("SIGKILL not sent by the pool is OOM") }
        if case .outOfMemory = classify(.signaled(SIGILL), tail: "Fatal error: Could not allocate memory.") {} else {
            Issue.record("allocation failure message is OOM")
        }
        if case .crashed = classify(.signaled(SIGSEGV)) {} else { Issue.record("SIGSEGV is a crash") }
        if case .crashed = classify(.exited(1)) {} else { Issue.record("exit 1 is a crash") }
        #expect(ExitCause.timedOut(seconds: 1).code == "HNDL-004")
        #expect(ExitCause.crashed("x").code == "HNDL-005")
        #expect(ExitCause.outOfMemory("x").code == "HNDL-006")
        #expect(ExitCause.diskFull("x").code == "HNDL-007")
        #expect(ExitCause.parseCodedLine("SCAN-012").map { ($0.0.code, $0.1) } ?? ("", "") == ("SCAN-012", "invalid manifest or image config"))
        // A host fault the scanner reports (exit 1, coded first line) is held, not counted.
        let host = classify(.exited(1), first: "DB-002: advisory database unreadable: x.db")
        #expect(host == .coded(.dbCorrupt, message: "advisory database unreadable: x.db"))
        #expect(host.disposition == .hold && !host.isCounted && host.kind == .hostFault)
        // An artifact code counts as bad input only with exit 2 or from the category.
        #expect(classify(.exited(1), first: "SCAN-003: x") == .crashed("exit 1"))
        #expect(classify(.exited(1), first: "NOPE-001: x") == .crashed("exit 1"))
    }

    @Test func reportHookErrorsMapToCodes() {
        if case .diskFull = JobRunner.hookCause(POSIXError(.ENOSPC)) {} else { Issue.record("ENOSPC is HNDL-007") }
        if case .diskFull = JobRunner.hookCause(SystemCallError("write", "/x", ENOSPC)) {} else { Issue.record("ENOSPC") }
        #expect(JobRunner.hookCause(SpoolscanError(.badManifest, "no config")) == .coded(.badManifest, message: "no config"))
        #expect(JobRunner.hookCause(SpoolscanError(.badManifest, "x")).disposition == .fail)
        #expect(JobRunner.hookCause(SpoolscanError(.dbMissing, "x")).disposition == .hold)
        #expect(JobRunner.hookCause(SpoolscanError(.rulesInvalid, "x")).disposition == .stop)
        #expect(JobRunner.hookCause(SpoolscanError(.scannerCrashed, "x")).disposition == .retry)
        #expect(JobRunner.hookCause(POSIXError(.ENOSPC)).disposition == .hold)
        #expect(JobRunner.hookCause(CocoaError(.fileReadCorruptFile)).code == "HNDL-001")
        #expect(SystemCallError("rename", "a -> b", EXDEV).spoolscanError.code == .spoolInvalid)
    }

    @Test func waitStatusDecoding() {
        #expect(WaitStatus(raw: 2 << 8) == .exited(2))
        #expect(WaitStatus(raw: SIGSEGV) == .signaled(SIGSEGV))
    }
}

@Suite struct ScannerCommandTests {
    @Test func splitsAndSubstitutes() {
        #expect(ScannerCommand.split(#"/bin/fake "a b" 'c d' {artifact}"#) == ["/bin/fake", "a b", "c d", "{artifact}"])
        let command = ScannerCommand(override: "/bin/fake {artifact} {output} {memory_mb}")
        let (executable, arguments, limit) = command.invocation(artifact: "/s/in-progress/x", output: "/w/raw.json", memoryMB: 64)
        #expect(executable == "/bin/fake" && limit == 64 << 20, "started directly, with RLIMIT_AS")
        #expect(arguments == ["/s/in-progress/x", "/w/raw.json", "64"])
        let builtIn = ScannerCommand(override: nil).invocation(artifact: "/a", output: "/o", memoryMB: 2048)
        #expect(builtIn.1 == ["scan", "/a", "--format", "json", "--output", "/o", "--memory-limit-mb", "2048", "--raw"])
        #expect(builtIn.2 == 0, "the built-in scanner sets its own limit")
        #expect(builtIn.0.hasSuffix("xctest") || builtIn.0.hasSuffix("spoolscan") || builtIn.0.contains("/"))
    }
}

@Suite struct QueueAndReadinessTests {
    @Test func queueIsFifoByReceipt() {
        var queue = JobQueue()
        queue.insert(QueuedJob(name: "b", inode: 2, receivedAtNs: 20))
        queue.insert(QueuedJob(name: "a", inode: 1, receivedAtNs: 30))
        queue.insert(QueuedJob(name: "c", inode: 3, receivedAtNs: 10))
        queue.insert(QueuedJob(name: "b", inode: 2, receivedAtNs: 20))
        #expect(queue.ordered.map(\.name) == ["c", "b", "a"])
        queue.remove(3)
        #expect(queue.ordered.map(\.name) == ["b", "a"])
    }

    @Test func settleTimeGatesFilesWrittenInPlace() {
        var tracker = ReadyTracker(settleMs: 1000)
        let second: Int64 = 1_000_000_000
        var stat = FileStat(inode: 7, size: 10, mtimeNs: 100 * second, linkCount: 1, device: 1,
                            isRegular: true, isDirectory: false)
        // Seen while being written: not ready.
        #expect(tracker.observe("f", stat, movedIn: false, activity: true, nowNs: 100 * second, nowMono: 0) == nil)
        // Changed after 0.5 s: still not ready 0.9 s after the change.
        stat.size = 20
        stat.mtimeNs = 100 * second + second / 2
        #expect(tracker.poll(nowNs: 100 * second + second / 2, nowMono: second / 2) { _ in stat }.isEmpty)
        #expect(tracker.poll(nowNs: 101 * second + 4 * second / 10, nowMono: 14 * second / 10) { _ in stat }.isEmpty)
        // Unchanged for the settle time: ready, with its first-seen time.
        let ready = tracker.poll(nowNs: 101 * second + 6 * second / 10, nowMono: 16 * second / 10) { _ in stat }
        #expect(ready.map(\.name) == ["f"] && ready.first?.firstSeenNs == 100 * second)
        // Renamed in: ready at once. Old file found by a scan: ready at once.
        #expect(tracker.observe("g", stat, movedIn: true, activity: false, nowNs: 0, nowMono: 0) != nil)
        #expect(tracker.observe("h", stat, movedIn: false, activity: false, nowNs: 200 * second, nowMono: 0) != nil)
        #expect(SpoolLayout.isCandidate("x.tar") && !SpoolLayout.isCandidate(".x.tar") && !SpoolLayout.isCandidate("x.part"))
    }
}

@Suite struct JSONLogTests {
    @Test func writesOneJSONObjectPerLine() throws {
        let lines = LineSink()
        var logger = Logger(label: "t") { JSONLogHandler(label: $0, sink: lines.append) }
        logger[metadataKey: "job"] = "a.tar"
        logger.info("claimed", metadata: ["to": "in-progress"])
        let line = try #require(lines.all.first)
        #expect(line.hasSuffix("\n") && lines.all.count == 1)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object?["msg"] == "claimed" && object?["job"] == "a.tar" && object?["to"] == "in-progress")
        #expect(object?["level"] == "info" && object?["ts"] != nil)
    }
}

final class LineSink: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    func append(_ line: String) { lock.withLock { lines.append(line) } }
}
