import Foundation
import Logging
import Testing
@testable import Spool

/// In-process tests of the name reservation and of recovery after a crash between link and unlink.
@Suite final class FinalizerTests {
    let root = NSTemporaryDirectory() + "spool-final-\(UInt32.random(in: 0...UInt32.max))"
    var layout: SpoolLayout { SpoolLayout(root: root) }

    init() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try SpoolLayout(root: root).prepare()
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func put(_ state: JobState, _ name: String, _ text: String) throws {
        try text.write(toFile: "\(layout.folder(state))/\(name)", atomically: false, encoding: .utf8)
    }

    @Test func reservesUniqueNamesWithoutOverwriting() throws {
        try put(.done, "a.tar", "old")
        try put(.done, "a.tar.1.report.json", "{}")
        try put(.parsing, "a.tar", "new")
        let name = try Finalizer(layout: layout).reserve(from: .parsing, name: "a.tar", to: .done, suffix: ".report.json")
        #expect(name == "a.tar.2")
        #expect(try String(contentsOfFile: "\(layout.done)/a.tar", encoding: .utf8) == "old")
        #expect(try String(contentsOfFile: "\(layout.done)/a.tar.2", encoding: .utf8) == "new")
    }

    @Test func recoveryCompletesALinkedJobAndRequeuesTheRest() throws {
        // "done.tar": crashed after both links; "half.tar": crashed after the artifact link only;
        // "mid.tar": crashed while scanning (attempt recorded, no cause).
        try put(.parsing, "done.tar", "d")
        try put(.parsing, "half.tar", "h")
        try put(.inProgress, "mid.tar", "m")
        #expect(try FileOps.link("\(layout.parsing)/done.tar", "\(layout.done)/done.tar"))
        try put(.done, "done.tar.report.json", "{}")
        #expect(try FileOps.link("\(layout.parsing)/half.tar", "\(layout.done)/half.tar"))
        let receipts = Receipts(layout: layout)
        let stat = try #require(FileOps.lstat("\(layout.inProgress)/mid.tar"))
        var record = try receipts.receive("mid.tar", stat, seenAtNs: 42)
        record.attempts.append(AttemptRecord(number: 1, startedAtNs: 43))
        try receipts.save(record)

        let result = Recovery(layout: layout, logger: Logger(label: "test")).run(waitForOrphansMs: 100)
        #expect(result == Recovery.Result(requeued: 2, completed: 1, busy: 0))
        #expect(try FileOps.list(layout.parsing).isEmpty && FileOps.list(layout.inProgress).isEmpty)
        #expect(Set(try FileOps.list(layout.done).map(\.name)) == ["done.tar", "done.tar.report.json"])
        #expect(Set(try FileOps.list(layout.pending).map(\.name)) == ["half.tar", "mid.tar"])
        let requeued = try #require(receipts.load(stat.inode))
        #expect(requeued.receivedAtNs == 42 && requeued.countedAttempts == 1)
        #expect(requeued.attempts.first?.cause == .interrupted)
    }

    @Test func recoveryLeavesJobsOfLiveWorkersAlone() throws {
        try put(.inProgress, "busy.tar", "b")
        let stat = try #require(FileOps.lstat("\(layout.inProgress)/busy.tar"))
        var record = try Receipts(layout: layout).receive("busy.tar", stat, seenAtNs: 1)
        record.owner = .current
        try Receipts(layout: layout).save(record)
        guard let held = try JobLock.tryAcquire(layout, stat.inode) else {
            Issue.record("the job lock could not be taken")
            return
        }
        let result = Recovery(layout: layout, logger: Logger(label: "test")).run(waitForOrphansMs: 100)
        #expect(result.busy == 1 && result.requeued == 0)
        #expect(FileOps.lstat("\(layout.inProgress)/busy.tar") != nil)
        held.release(removeFile: false)
    }

    /// A job lock is let go when its value ends, released or not (it owns its descriptor).
    @Test func jobLockIsReleasedWhenItsValueEnds() throws {
        func hold() throws -> Bool { try JobLock.tryAcquire(layout, 42) != nil }
        #expect(try hold())
        #expect(try hold(), "the first lock was closed by its deinit")
        let first = try JobLock.tryAcquire(layout, 43)
        #expect(try JobLock.tryAcquire(layout, 43) == nil, "held while its value lives")
        _ = consume first
    }

    /// A dead worker's scanner whose pid was never recorded still holds the job lock (fd 3):
    /// recovery finds it through /proc, kills its process group and requeues the job.
    @Test func recoveryKillsAnOrphanedScannerFoundByItsLock() async throws {
        try put(.inProgress, "orphan.tar", "o")
        let stat = try #require(FileOps.lstat("\(layout.inProgress)/orphan.tar"))
        var record = try Receipts(layout: layout).receive("orphan.tar", stat, seenAtNs: 1)
        record.owner = ProcessIdentity(pid: 999_999_999, startTicks: 1)  // a worker that is gone
        record.attempts.append(AttemptRecord(number: 1, startedAtNs: 2))
        try Receipts(layout: layout).save(record)
        guard let lock = try JobLock.tryAcquire(layout, stat.inode) else {
            Issue.record("the job lock could not be taken")
            return
        }
        let pid = try await ChildProcess.spawn("/bin/sleep", ["60"], stderrPath: "\(root)/sleep.err", lockFD: lock.fd)
        lock.release(removeFile: false)  // only the "orphan" holds it now

        let recovery = Recovery(layout: layout, logger: Logger(label: "test"))
        let result = await BlockingWork.run { () -> Recovery.Result in recovery.run(waitForOrphansMs: 3_000) }
        #expect(result.requeued == 1)
        #expect(await ChildProcess.wait(pid) == .signaled(SIGKILL))
        #expect(Set(try FileOps.list(layout.pending).map(\.name)) == ["orphan.tar"])
    }
}

extension FinalizerTests {
    /// Scratch files of a hard-link copy or a rejection whose worker died are collected.
    @Test func garbageCollectionRemovesDeadScratchFiles() throws {
        try "x".write(toFile: "\(layout.work)/.copy-999999999-1", atomically: false, encoding: .utf8)
        try FileOps.makeDirectory("\(layout.work)/.reject-999999999-2")
        try "x".write(toFile: "\(layout.work)/.copy-\(getpid())-3", atomically: false, encoding: .utf8)
        Recovery(layout: layout, logger: Logger(label: "test")).collectGarbage()
        #expect(Set(try FileOps.list(layout.work).map(\.name)) == [".copy-\(getpid())-3"])
    }
}
