import Foundation
import Testing
@testable import SharedQueue
@testable import Spool
import SpoolscanCore

/// `spoolscan watch --queue` as real processes against a real PostgreSQL.
@Suite(.serialized, .enabled(if: QueueHarness.unavailable == nil, "\(QueueHarness.unavailable ?? "")"))
struct QueueDaemonTests {
    @Test func oneDaemonScansEveryDropOnceAndStatusReadsTheDatabase() async throws {
        let harness = try QueueHarness()
        let url = try SharedServer.database()
        for index in 0..<12 { try harness.drop(String(format: "img%02d.tar", index)) }
        try harness.drop("bad-one.tar")
        let daemon = try harness.startDaemon(host: "solo", url: url)
        #expect(harness.waitForFinished(13, timeoutSeconds: 60), "\(daemon.output)")
        #expect(harness.artifacts(in: "done").count == 12)
        #expect(harness.artifacts(in: "error") == ["bad-one.tar"])
        #expect(harness.report("img00.tar").contains("fake-solo"))
        let status = try CommandRunnerStatus.run(url)
        #expect(status.counts["done"] == 12)
        #expect(status.counts["error"] == 1)
        #expect(status.recentErrors.first?.code == "SCAN-003")
        #expect(status.hosts.map(\.host) == ["solo"])
        #expect(status.hosts.first?.slots.count == 2)
        #expect(daemon.stop() == 0)
        #expect(daemon.output.contains("round_trips_per_claim=5.0"))
        #expect(daemon.output.contains("round_trips_per_finish=6.0"))
        #expect(harness.overlaps.isEmpty)
        #expect(!daemon.output.contains("@127.0.0.1:") || !daemon.output.contains("password"))
    }

    @Test func aClaimCommittedBeforeItsRenameIsRescuedAfterTheLease() async throws {
        // A host claimed the job in the database and died before it renamed the file.
        let harness = try QueueHarness()
        let url = try SharedServer.database()
        try harness.drop("orphan.tar")
        let ledger = try await PostgresLedger(url: try QueueURL(url))
        let stat = try #require(FileOps.lstat("\(harness.spool)/pending/orphan.tar"))
        _ = try await ledger.register([LedgerDrop(name: "orphan.tar", inode: stat.inode, size: stat.size, mtimeNs: stat.mtimeNs)],
                                      by: LedgerOwner(host: "ghost", instance: "dead"))
        let claimed = try await ledger.claim(LedgerOwner(host: "ghost", instance: "dead"), leaseSeconds: 2, maxAttempts: 3) { _ in .claimed }
        #expect(claimed?.token == 1)
        let daemon = try harness.startDaemon(host: "live", url: url)
        #expect(harness.waitForFinished(1, timeoutSeconds: 30), "\(daemon.output)")
        #expect(harness.artifacts(in: "done") == ["orphan.tar"])
        #expect(daemon.output.contains("rescued jobs whose lease expired"))
        #expect(daemon.stop() == 0)
        let db = try PGConnection(url: url, application: "test")
        let row = try db.exec("SELECT state, token, counted FROM spoolscan_jobs")
        #expect(row.value(0, "state") == "done")
        #expect(row.int(0, "token") == 2)
        #expect(row.int(0, "counted") == 2, "the dead claim's attempt counts once")
    }

    @Test func aRenameWhoseClaimWasNeverCommittedIsTakenOver() async throws {
        // A host renamed the file into in-progress/ and died before its claim committed.
        let harness = try QueueHarness()
        let url = try SharedServer.database()
        try harness.drop("halfway.tar")
        let ledger = try await PostgresLedger(url: try QueueURL(url))
        let stat = try #require(FileOps.lstat("\(harness.spool)/pending/halfway.tar"))
        _ = try await ledger.register([LedgerDrop(name: "halfway.tar", inode: stat.inode, size: stat.size, mtimeNs: stat.mtimeNs)],
                                      by: LedgerOwner(host: "ghost", instance: "dead"))
        try FileManager.default.createDirectory(atPath: "\(harness.spool)/in-progress", withIntermediateDirectories: true)
        #expect(rename("\(harness.spool)/pending/halfway.tar", "\(harness.spool)/in-progress/halfway.tar") == 0)
        let daemon = try harness.startDaemon(host: "live", url: url)
        #expect(harness.waitForFinished(1, timeoutSeconds: 30), "\(daemon.output)")
        #expect(harness.artifacts(in: "done") == ["halfway.tar"])
        #expect(harness.artifacts(in: "in-progress").isEmpty)
        #expect(daemon.stop() == 0)
    }

    @Test func aPausedHostPastItsLeaseCannotOverwriteTheNewOwnersReport() async throws {
        let harness = try QueueHarness()
        let url = try SharedServer.database()
        try harness.setScannerSleep(ms: 2_500)
        let slow = try harness.startDaemon(host: "paused", url: url, workers: 1, lease: 1.5)
        try harness.drop("contested.tar")
        // Wait for the first host's scanner to start, then pause the host (not its scanner).
        let deadline = Date().addingTimeInterval(20)
        while harness.scannerEvents("start").isEmpty && Date() < deadline { usleep(50_000) }
        slow.signal(SIGSTOP)
        try harness.setScannerSleep(ms: 200)
        let other = try harness.startDaemon(host: "taker", url: url, workers: 1, lease: 1.5)
        #expect(harness.waitForFinished(1, timeoutSeconds: 30), "\(other.output)")
        // The paused host's scanner has finished meanwhile; let the host go on with its result.
        usleep(3_000_000)
        slow.signal(SIGCONT)
        usleep(4_000_000)
        #expect(harness.artifacts(in: "done") == ["contested.tar"])
        #expect(harness.report("contested.tar").contains("fake-taker"))
        #expect(!harness.report("contested.tar").contains("fake-paused"))
        #expect(slow.output.contains(ErrorCode.leaseLost.code), "\(slow.output)")
        #expect(slow.stop() == 0)
        #expect(other.stop() == 0)
        let db = try PGConnection(url: url, application: "test")
        let row = try db.exec("SELECT state, token, counted FROM spoolscan_jobs")
        #expect(row.value(0, "state") == "done")
        #expect(row.int(0, "counted") == 2)
    }

    @Test func aDatabaseOutageStopsClaimsButNotScansAndTheQueueResumes() async throws {
        let server = try PostgresServer()
        defer { server.destroy() }
        let url = try server.createDatabase("outage")
        let harness = try QueueHarness()
        try harness.setScannerSleep(ms: 300)
        for index in 0..<30 { try harness.drop(String(format: "o%02d.tar", index)) }
        let daemon = try harness.startDaemon(host: "survivor", url: url, lease: 30)
        let deadline = Date().addingTimeInterval(20)
        while harness.artifacts(in: "done").count < 4 && Date() < deadline { usleep(50_000) }
        try server.stop()
        let doneAtStop = harness.artifacts(in: "done").count
        usleep(4_000_000)
        // Scans running at the stop end; their results wait for the database; nothing new starts.
        let startsDuringOutage = harness.scannerEvents("start").count
        usleep(2_000_000)
        #expect(harness.scannerEvents("start").count == startsDuringOutage, "no claim while the database is down")
        #expect(harness.artifacts(in: "done").count <= doneAtStop + 2)
        #expect(daemon.output.contains("HNDL-022"))
        try server.start()
        #expect(harness.waitForFinished(30, timeoutSeconds: 90), "\(daemon.output)")
        #expect(daemon.output.contains("queue database reachable again"))
        #expect(harness.artifacts(in: "done").count == 30)
        #expect(harness.artifacts(in: "pending").isEmpty)
        #expect(harness.overlaps.isEmpty)
        #expect(Set(harness.scannerEvents("start").map(\.name)).count == 30)
        #expect(daemon.stop() == 0)
    }

    @Test func theThreeAttemptsRuleAndTheCategoriesHoldInTheSharedQueue() async throws {
        let harness = try QueueHarness()
        let url = try SharedServer.database()
        try harness.drop("crash.tar")
        try harness.drop("disk.tar")
        let daemon = try harness.startDaemon(host: "rules", url: url)
        #expect(harness.waitForFinished(1, timeoutSeconds: 60), "\(daemon.output)")
        #expect(harness.artifacts(in: "error") == ["crash.tar"])
        let data = try Data(contentsOf: URL(fileURLWithPath: "\(harness.spool)/error/crash.tar.error.json"))
        let record = try JSONDecoder().decode(ErrorRecord.self, from: data)
        #expect(record.code == ErrorCode.scannerCrashed.code)
        #expect(record.attempts == 3)
        #expect(record.retriesExhausted)
        #expect(record.history.count == 3)
        #expect(record.history.allSatisfy { $0.cause == .crashed && $0.counted })
        // A fault of the host is held in pending/ and never counted.
        let db = try PGConnection(url: url, application: "test")
        let disk = try db.exec("SELECT state, counted, held FROM spoolscan_jobs WHERE name = 'disk.tar'")
        #expect(disk.value(0, "state") == "pending" || disk.value(0, "state") == "running")
        #expect(disk.int(0, "counted") ?? 9 <= 1, "at most the attempt running now")
        #expect((disk.int(0, "held") ?? 0) >= 1)
        #expect(harness.artifacts(in: "error").contains("disk.tar") == false)
        #expect(daemon.stop() == 0)
    }

    @Test func aSecondDaemonOfOneHostIsRefusedWithHNDL008() async throws {
        let harness = try QueueHarness()
        let url = try SharedServer.database()
        let first = try harness.startDaemon(host: "same", url: url)
        usleep(1_500_000)
        let second = try harness.startDaemon(host: "same", url: url, extra: ["--log-level", "info"])
        let status = second.wait(timeoutSeconds: 20)
        #expect(status != 0)
        #expect(second.output.contains("HNDL-008"))
        #expect(first.stop() == 0)
    }

    @Test func sweepAndTheSingleHostDaemonRefuseASharedSpool() async throws {
        let harness = try QueueHarness()
        let url = try SharedServer.database()
        let daemon = try harness.startDaemon(host: "sharer", url: url)
        let deadline = Date().addingTimeInterval(20)
        while !daemon.output.contains("daemon started") && Date() < deadline { usleep(50_000) }
        for command in [["sweep"], ["watch"]] {
            let other = try DaemonProcess([QueueHarness.binary] + command + ["--spool", harness.spool],
                                          log: "\(harness.logs)/\(command[0]).log")
            #expect(other.wait(timeoutSeconds: 20) != 0)
            #expect(other.output.contains("HNDL-008"), "\(other.output)")
            #expect(other.output.contains("sharer"))
        }
        #expect(daemon.stop() == 0)
        // Once the queue daemon is gone the spool is free again.
        #expect(HostLock.activeHosts(SpoolLayout(root: harness.spool)).isEmpty)
    }

    @Test func aDaemonStartedWhileTheDatabaseIsDownWaitsForIt() async throws {
        let server = try PostgresServer()
        defer { server.destroy() }
        let url = try server.createDatabase("late")
        try server.stop()
        let harness = try QueueHarness()
        try harness.drop("early.tar")
        let daemon = try harness.startDaemon(host: "patient", url: url)
        usleep(3_000_000)
        #expect(daemon.output.contains("HNDL-022"))
        #expect(harness.artifacts(in: "done").isEmpty)
        try server.start()
        #expect(harness.waitForFinished(1, timeoutSeconds: 60), "\(daemon.output)")
        #expect(harness.artifacts(in: "done") == ["early.tar"])
        #expect(daemon.stop() == 0)
    }

    /// A URL of another scheme is a bad `queue` setting (`CONF-007`, naming where it came from);
    /// a malformed PostgreSQL URL is `HNDL-026` (QueueURLTests). Neither prints the password.
    @Test func aBadQueueURLStopsTheDaemonWithoutItsPassword() throws {
        let harness = try QueueHarness()
        let daemon = try harness.startDaemon(host: "x", url: "mysql://root:hunter2@db/x")
        #expect(daemon.wait(timeoutSeconds: 20) != 0)
        #expect(daemon.output.contains("CONF-007: setting out of range: --queue: must begin with postgres:// or postgresql://"))
        #expect(!daemon.output.contains("hunter2"))
    }
}

/// `spoolscan status --queue URL --json`, decoded.
enum CommandRunnerStatus {
    static func run(_ url: String) throws -> QueueStatus {
        let process = try DaemonProcess([QueueHarness.binary, "status", "--queue", url, "--json"],
                                        log: NSTemporaryDirectory() + "status-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).json")
        process.wait(timeoutSeconds: 30)
        defer { try? FileManager.default.removeItem(atPath: process.log) }
        return try JSONDecoder().decode(QueueStatus.self, from: Data(process.output.utf8))
    }
}
