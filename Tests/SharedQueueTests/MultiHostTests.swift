import Foundation
import Testing
@testable import SharedQueue
@testable import Spool
import SpoolscanCore

/// Three daemons as separate "hosts" (each in a network namespace of its own with a veth to the
/// database where the machine allows it, else on loopback), one shared spool, 300 drops, and
/// the failures: kill -9 of one host, the database stopped for 10 s, a host paused past its lease.
@Suite(.serialized, .enabled(if: QueueHarness.unavailable == nil, "\(QueueHarness.unavailable ?? "")"))
struct MultiHostTests {
    static let drops = 300
    static let lease = 3.0

    @Test func threeHostsShareOneQueueThroughFailures() async throws {
        let (namespaces, network) = NetworkNamespaces.make(count: 3)
        defer { namespaces?.remove() }
        print("multi-host test: daemons on \(namespaces == nil ? "loopback (\(network))" : "network namespaces with veth links")")
        let server = try PostgresServer(extraAddresses: namespaces?.hosts.map(\.databaseAddress) ?? [],
                                        trustedNetworks: namespaces?.networks ?? [])
        defer { server.destroy() }
        _ = try server.createDatabase("hosts")
        let harness = try QueueHarness()
        try harness.setScannerSleep(ms: 120)
        let names = (0..<Self.drops).map { $0 % 30 == 7 ? String(format: "bad%03d.tar", $0) : String(format: "img%03d.tar", $0) }
        var daemons: [DaemonProcess] = []
        for index in 0..<3 {
            let host = namespaces?.hosts[index]
            let url = server.url("hosts", host: host?.databaseAddress ?? "127.0.0.1")
            daemons.append(try harness.startDaemon(host: "h\(index + 1)", url: url, workers: 2, lease: Self.lease,
                                                   namespace: host?.namespace))
        }
        let dropper = Thread {
            for name in names {
                try? harness.drop(name)
                usleep(8_000)
            }
        }
        dropper.start()

        func finished() -> Int { harness.artifacts(in: "done").count + harness.artifacts(in: "error").count }
        func waitUntil(_ count: Int) -> Bool {
            let deadline = Date().addingTimeInterval(120)
            while finished() < count && Date() < deadline { usleep(50_000) }
            return finished() >= count
        }
        #expect(waitUntil(40), "\(daemons.map(\.output))")
        daemons[2].signal(SIGKILL)
        daemons[2].wait()
        #expect(waitUntil(100))
        try server.stop()
        usleep(10_000_000)
        try server.start()
        #expect(waitUntil(160))
        daemons[1].signal(SIGSTOP)
        usleep(UInt32((Self.lease + 2.5) * 1_000_000))
        daemons[1].signal(SIGCONT)
        #expect(waitUntil(Self.drops), "\(daemons.map(\.output))")
        usleep(2_000_000)
        #expect(daemons[0].stop() == 0)
        #expect(daemons[1].stop() == 0)

        // Every artifact in done/ or error/ exactly once, none left behind, none doubled (NAME.1).
        let done = harness.artifacts(in: "done"), failed = harness.artifacts(in: "error")
        #expect(Set(done + failed) == Set(names))
        #expect(done.count + failed.count == Self.drops)
        #expect(Set(failed) == Set(names.filter { $0.hasPrefix("bad") }))
        #expect(harness.artifacts(in: "pending").isEmpty && harness.artifacts(in: "in-progress").isEmpty)
        // Never two hosts on one job at once.
        #expect(harness.overlaps.isEmpty, "\(harness.overlaps)")
        // All three hosts took jobs.
        let starts = harness.scannerEvents("start")
        #expect(Set(starts.map(\.host)) == ["h1", "h2", "h3"])

        let db = try PGConnection(url: server.url("hosts"), application: "test")
        // Starts follow receipt order across hosts: a job's first start is at most the pool's
        // width (6 slots) away from its place in the order of receipt. Jobs whose claim was lost
        // (their host killed or paused between claim and scan) start later by design: left out.
        let receipt = try db.exec("SELECT name FROM spoolscan_jobs WHERE state <> 'gone' ORDER BY received_at, id").rows.map { $0[0] ?? "" }
        let interrupted = Set(try db.exec("""
            SELECT j.name FROM spoolscan_jobs j JOIN spoolscan_attempts a ON a.job_id = j.id WHERE a.cause = 'interrupted'
            """).rows.map { $0[0] ?? "" })
        var firstStart: [String] = []
        var seen = Set<String>()
        for event in starts.sorted(by: { $0.ns < $1.ns }) where seen.insert(event.name).inserted && !interrupted.contains(event.name) {
            firstStart.append(event.name)
        }
        let inOrder = receipt.filter { !interrupted.contains($0) }
        let receiptIndex = Dictionary(uniqueKeysWithValues: inOrder.enumerated().map { ($1, $0) })
        let worst = firstStart.enumerated().map { (abs($0.offset - (receiptIndex[$0.element] ?? -1000)), $0.element) }.max { $0.0 < $1.0 }
        #expect((worst?.0 ?? 0) <= 6, "\(worst?.1 ?? "") started \(worst?.0 ?? 0) places away from its receipt order")
        #expect(firstStart.count == inOrder.count)
        #expect(receipt.count == Self.drops, "each drop registered once")

        // The killed host's jobs were taken over after the lease; their attempts counted once.
        let rescued = try db.exec("SELECT count(*) AS n FROM spoolscan_attempts WHERE cause = 'interrupted'").int(0, "n") ?? 0
        #expect(rescued >= 1, "the killed host was running jobs")
        let miscounted = try db.exec("""
            SELECT count(*) AS n FROM spoolscan_jobs j
            WHERE j.counted <> (SELECT count(*) FROM spoolscan_attempts a WHERE a.job_id = j.id AND a.counted)
            """).int(0, "n")
        #expect(miscounted == 0)
        // Only lost leases add attempts: one scan that counts, plus one per interrupted claim.
        let overcounted = try db.exec("""
            SELECT j.name || ' counted ' || j.counted || ': ' || string_agg(a.host || '/' || a.token || '/' || coalesce(a.cause, '-')
                   || '/' || a.counted, ', ' ORDER BY a.token) AS job
            FROM spoolscan_jobs j JOIN spoolscan_attempts a ON a.job_id = j.id GROUP BY j.id
            HAVING j.counted <> 1 + count(*) FILTER (WHERE a.cause = 'interrupted')
            """).rows.map { $0[0] ?? "" }
        #expect(overcounted.isEmpty, "\(overcounted)")
        #expect(try db.exec("SELECT count(*) AS n FROM spoolscan_jobs WHERE state NOT IN ('done', 'error')").int(0, "n") == 0)

        // Each report was written by the host whose claim finished the job (fencing): the
        // paused host, resumed with results of claims it had lost, wrote over none of them.
        let winners = try db.exec("""
            SELECT j.final_name, a.host FROM spoolscan_jobs j JOIN spoolscan_attempts a
              ON a.job_id = j.id AND a.token = j.token WHERE j.state = 'done'
            """)
        var wrongWriter: [String] = []
        for row in winners.rows {
            guard let name = row[0], let host = row[1] else { continue }
            if !harness.report(name).contains("\"fake-\(host)\"") { wrongWriter.append(name) }
        }
        #expect(wrongWriter.isEmpty, "reports not written by the owning claim: \(wrongWriter)")
        print("multi-host test: \(done.count) done, \(failed.count) error, \(rescued) attempts rescued after a lease expired, "
              + "HNDL-025 lines in the paused host's log: \(daemons[1].output.components(separatedBy: ErrorCode.leaseLost.code).count - 1)")
        #expect(daemons[0].output.contains(ErrorCode.queueUnreachable.code))
    }
}
