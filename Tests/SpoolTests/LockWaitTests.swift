import Foundation
import Testing
@testable import Spool

/// Waits for job locks happen on threads of their own, never on Swift's shared concurrency pool
/// (as wide as the cores: two threads on the build machine).
@Suite final class LockWaitTests {
    let root = NSTemporaryDirectory() + "spool-lockwait-\(UInt32.random(in: 0...UInt32.max))"
    var layout: SpoolLayout { SpoolLayout(root: root) }
    /// Descriptors through which the test holds job locks (closing one lets its lock go).
    var holders: [Int32] = []

    init() throws {
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try SpoolLayout(root: root).prepare()
    }

    deinit {
        holders.forEach { close($0) }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Queues `pending/NAME` as one file, then replaces it (the producer rewrote it) with a file
    /// whose job lock the test holds; returns the queued inode and the newer one.
    func replacedDrop(_ name: String) throws -> (queued: UInt64, newer: UInt64) {
        let pending = "\(layout.pending)/\(name)"
        try "first".write(toFile: "\(layout.tmp)/\(name)", atomically: false, encoding: .utf8)
        #expect(link("\(layout.tmp)/\(name)", "\(root)/keep-\(name)") == 0)  // keeps the inode from reuse
        #expect(rename("\(layout.tmp)/\(name)", pending) == 0)
        let queued = try #require(FileOps.lstat(pending)).inode
        try "second".write(toFile: "\(layout.tmp)/\(name)", atomically: false, encoding: .utf8)
        #expect(rename("\(layout.tmp)/\(name)", pending) == 0)
        let newer = try #require(FileOps.lstat(pending)).inode
        let fd = open(layout.jobLock(newer), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        #expect(fd >= 0 && flock(fd, LOCK_EX) == 0)
        holders.append(fd)
        return (queued, newer)
    }

    /// Four times as many claims as the pool has threads find their file replaced and its lock
    /// busy; while all of them wait, other async work still runs at once, and each claim is
    /// completed once its lock is let go. (A wait on the pool would stall the probe until the
    /// waits timed out, and every claim would then be lost.)
    @Test func replacedClaimsWaitOffTheSharedPool() async throws {
        let count = 4 * max(2, ProcessInfo.processInfo.activeProcessorCount)
        var jobs: [(name: String, inode: UInt64)] = []
        for index in 0..<count {
            let name = "job\(index).tar"
            let (queued, newer) = try replacedDrop(name)
            let result = try Claim.claim(layout, name: name, inode: queued)
            switch consume result {
            case .replaced(let movedName, let inode):
                #expect(movedName == name && inode == newer)
            default:
                Issue.record("\(name): expected a replaced claim waiting for a busy lock")
            }
            jobs.append((name, newer))
        }
        let layout = self.layout
        let waits = Task {
            await withTaskGroup(of: Bool.self) { group in
                for job in jobs {
                    group.addTask {
                        let result: Claim.Result
                        do { result = try await Claim.adoptReplaced(layout, name: job.name, inode: job.inode, timeoutMs: 5_000) }
                        catch { return false }
                        switch consume result {
                        case .claimed(let claimed): return claimed.inode == job.inode
                        default: return false
                        }
                    }
                }
                var claimed = 0
                for await success in group where success { claimed += 1 }
                return claimed
            }
        }
        // Let every wait start, then time a burst of small tasks on the pool.
        let started = ContinuousClock.now
        try await Task.sleep(for: .milliseconds(300))
        let sum = await withTaskGroup(of: Int.self) { group in
            for value in 1...100 { group.addTask { value } }
            return await group.reduce(0, +)
        }
        let elapsed = ContinuousClock.now - started
        #expect(sum == 5050)
        #expect(elapsed < .seconds(3), "the pool was blocked for \(elapsed) while \(count) claims waited for locks")
        holders.forEach { close($0) }
        holders.removeAll()
        let claimed = await waits.value
        #expect(claimed == count, "every claim completes once its lock is free")
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    /// A replaced claim whose newer file moved on while it waited is lost, not claimed.
    @Test func replacedClaimLostWhenTheFileMovedOn() async throws {
        let (queued, newer) = try replacedDrop("moved.tar")
        let first = try Claim.claim(layout, name: "moved.tar", inode: queued)
        switch consume first {
        case .replaced: break
        default: Issue.record("expected a replaced claim")
        }
        #expect(rename("\(layout.inProgress)/moved.tar", "\(layout.pending)/moved.tar") == 0)  // requeued by recovery
        holders.forEach { close($0) }
        holders.removeAll()
        let adopted = try await Claim.adoptReplaced(layout, name: "moved.tar", inode: newer, timeoutMs: 1_000)
        switch consume adopted {
        case .lost: break
        default: Issue.record("a file that left in-progress/ must not be claimed")
        }
    }
}
