import Foundation
import Testing
@testable import SharedQueue
@testable import Spool
import SpoolscanCore
import TestSupport

/// The ledger against a real PostgreSQL: migration, registration, FIFO claims, leases, rescue and fencing.
@Suite(.serialized, .enabled(if: PostgresServer.unavailable == nil, "\(PostgresServer.unavailable ?? "")"))
struct LedgerTests {
    let hostA = LedgerOwner(host: "host-a", instance: "run1")
    let hostB = LedgerOwner(host: "host-b", instance: "run1")

    func drop(_ name: String, _ inode: UInt64) -> LedgerDrop {
        LedgerDrop(name: name, inode: inode, size: 10, mtimeNs: 1_000)
    }

    @Test func migrationIsAppliedOnceAndANewerSchemaIsRefused() async throws {
        let url = try SharedServer.database()
        _ = try await PostgresLedger(url: try QueueURL(url))
        _ = try await PostgresLedger(url: try QueueURL(url))
        let db = try PGConnection(url: url, application: "test")
        #expect(try db.exec("SELECT count(*) AS n FROM spoolscan_schema").int(0, "n") == Int64(LedgerSchema.current))
        try db.exec("INSERT INTO spoolscan_schema (version) VALUES (99)")
        await #expect(throws: SpoolscanError.self) { _ = try await PostgresLedger(url: try QueueURL(url)) }
        do {
            _ = try await PostgresLedger(url: try QueueURL(url))
        } catch let error as SpoolscanError {
            #expect(error.code == .queueSchema)
            #expect(error.detail.contains("99"))
        }
    }

    @Test func anUnreachableServerIsHNDL022() async throws {
        let port = try PostgresServer.freePort()
        do {
            _ = try await PostgresLedger(url: try QueueURL("postgres://postgres@127.0.0.1:\(port)/none"))
            Issue.record("connected to a port nobody listens on")
        } catch let error as SpoolscanError {
            #expect(error.code == .queueUnreachable)
        }
    }

    @Test func registrationIsOncePerNameAndFileAndClaimsAreFIFO() async throws {
        let ledger = try await PostgresLedger(url: try QueueURL(try SharedServer.database()))
        #expect(try await ledger.register([drop("a", 1), drop("b", 2)], by: hostA) == 2)
        #expect(try await ledger.register([drop("b", 2), drop("c", 3)], by: hostB) == 1)
        // The same file under another name is a job of its own.
        #expect(try await ledger.register([drop("a2", 1)], by: hostB) == 1)
        var claimed: [String] = []
        while let job = try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }) {
            claimed.append(job.name)
            #expect(job.token == 1)
            #expect(job.counted == 1)
        }
        #expect(claimed == ["a", "b", "c", "a2"])
    }

    @Test func concurrentClaimsNeverShareAJob() async throws {
        let url = try QueueURL(try SharedServer.database())
        let ledger = try await PostgresLedger(url: url)
        let other = try await PostgresLedger(url: url)
        let drops = (0..<40).map { drop(String(format: "job%03d", $0), UInt64($0 + 1)) }
        _ = try await ledger.register(drops, by: hostA)
        // Two ledgers (two hosts' connections) claiming at once.
        async let first = Self.claimAll(ledger, hostA)
        async let second = Self.claimAll(other, hostB)
        let (a, b) = try await (first, second)
        #expect(Set(a).isDisjoint(with: Set(b)))
        #expect(Set(a + b).count == 40)
    }

    static func claimAll(_ ledger: PostgresLedger, _ owner: LedgerOwner) async throws -> [String] {
        var names: [String] = []
        while let job = try await ledger.claim(owner, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }) {
            names.append(job.name)
        }
        return names
    }

    @Test func anExpiredLeaseIsRescuedOnceAndTheOldOwnerIsFencedOut() async throws {
        let url = try QueueURL(try SharedServer.database())
        let ledgerA = try await PostgresLedger(url: url)
        let ledgerB = try await PostgresLedger(url: url)
        _ = try await ledgerA.register([drop("x", 7)], by: hostA)
        let jobA = try #require(try await ledgerA.claim(hostA, leaseSeconds: 1, maxAttempts: 3, move: { _ in .claimed }))
        // Renewal keeps it while the lease runs.
        #expect(try await ledgerA.renew(hostA, jobs: [(jobA.id, jobA.token)], leaseSeconds: 1) == [jobA.id])
        #expect(try await ledgerB.rescueExpired(hostB, move: { _ in .requeued("x") }) == 0)
        try await Task.sleep(for: .milliseconds(1_300))
        #expect(try await ledgerB.rescueExpired(hostB, move: { _ in .requeued("x") }) == 1)
        #expect(try await ledgerB.rescueExpired(hostB, move: { _ in .requeued("x") }) == 0)
        let jobB = try #require(try await ledgerB.claim(hostB, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }))
        #expect(jobB.token == 2)
        #expect(jobB.counted == 2, "the interrupted attempt counts once, the new one once")
        // The old owner can neither renew nor finish; its move is never run.
        #expect(try await ledgerA.renew(hostA, jobs: [(jobA.id, jobA.token)], leaseSeconds: 30).isEmpty)
        let ran = Flag()
        let finishedA = try await ledgerA.finish(jobA, attempt: nil) { _, _ in
            ran.set()
            return .finished(.done, "x", code: nil, message: nil)
        }
        #expect(!finishedA)
        #expect(!ran.isSet)
        let firstAttempt = Box<AttemptRecord>()
        let finishedB = try await ledgerB.finish(jobB, attempt: nil) { _, history in
            firstAttempt.value = history.count == 2 ? history.first : nil
            return .finished(.done, "x", code: nil, message: nil)
        }
        #expect(finishedB)
        #expect(firstAttempt.value?.cause == .interrupted)
        #expect(firstAttempt.value?.code == ErrorCode.leaseLost.code)
    }

    @Test func uncountedAttemptsGiveTheCountBackAndExhaustedJobsAreMarked() async throws {
        let ledger = try await PostgresLedger(url: try QueueURL(try SharedServer.database()))
        _ = try await ledger.register([drop("y", 9)], by: hostA)
        for round in 1...3 {
            let job = try #require(try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }))
            #expect(job.counted == round)
            #expect(!job.exhausted)
            // A held attempt (host fault) does not count; a crash does.
            let held = AttemptEnd(durationMs: 5, cause: .hostFault, code: "HNDL-007", detail: "disk full", stderrTail: nil, counted: false)
            let countedAfterHold = Counter()
            let heldBack = try await ledger.finish(job, attempt: held) { job, _ in
                countedAfterHold.value = job.counted
                return .requeued(name: "y", delaySeconds: 0, hold: true)
            }
            #expect(heldBack)
            #expect(countedAfterHold.value == round - 1)
            let again = try #require(try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }))
            #expect(again.counted == round)
            let crash = AttemptEnd(durationMs: 5, cause: .crashed, code: "HNDL-005", detail: "signal 11", stderrTail: "x\u{0}y", counted: true)
            #expect(try await ledger.finish(again, attempt: crash) { _, _ in .requeued(name: "y", delaySeconds: 0, hold: false) })
        }
        let last = try #require(try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }))
        #expect(last.exhausted)
        #expect(last.counted == 3)
        let seen = Counter()
        let failed = try await ledger.finish(last, attempt: nil) { _, history in
            seen.value = history.count * 100 + history.filter(\.counted).count
            return .finished(.error, "y", code: "HNDL-002", message: "retries exhausted")
        }
        #expect(failed)
        #expect(seen.value == 703, "seven attempts in the history, three of them counted")
    }

    @Test func aBackoffKeepsItsPlaceWhileTheJobsBehindStart() async throws {
        let ledger = try await PostgresLedger(url: try QueueURL(try SharedServer.database()))
        _ = try await ledger.register([drop("first", 1), drop("second", 2)], by: hostA)
        let first = try #require(try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }))
        #expect(try await ledger.finish(first, attempt: nil) { _, _ in .requeued(name: "first", delaySeconds: 1, hold: false) })
        let next = try #require(try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }))
        #expect(next.name == "second")
        #expect(try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed }) == nil)
        try await Task.sleep(for: .milliseconds(1_100))
        #expect(try await ledger.claim(hostA, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed })?.name == "first")
    }

    @Test func aPreviousRunsLeasesEndAtStart() async throws {
        let ledger = try await PostgresLedger(url: try QueueURL(try SharedServer.database()))
        _ = try await ledger.register([drop("z", 3)], by: hostA)
        _ = try #require(try await ledger.claim(hostA, leaseSeconds: 300, maxAttempts: 3, move: { _ in .claimed }))
        let restarted = LedgerOwner(host: "host-a", instance: "run2")
        #expect(try await ledger.expirePreviousRuns(restarted) == 1)
        #expect(try await ledger.rescueExpired(restarted, move: { _ in .requeued("z") }) == 1)
        #expect(try await ledger.claim(restarted, leaseSeconds: 30, maxAttempts: 3, move: { _ in .claimed })?.token == 2)
    }

    @Test func notificationsWakeAnotherListener() async throws {
        let url = try QueueURL(try SharedServer.database())
        let listener = try await PostgresLedger(url: url)
        let producer = try await PostgresLedger(url: url)
        #expect(try await listener.waitForNotification(timeoutMs: 100) == false)
        _ = try await producer.register([drop("n", 1)], by: hostB)
        #expect(try await listener.waitForNotification(timeoutMs: 2_000))
    }
}

final class Counter: @unchecked Sendable {
    nonisolated(unsafe) var value = -1
}

final class Box<T>: @unchecked Sendable {
    nonisolated(unsafe) var value: T?
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
