import Foundation
import Spool
import SpoolscanCore

/// The shared job ledger in PostgreSQL (``JobLedger``).
///
/// Three connections, each on a thread of its own (``DatabaseThread``): one for intake, claims,
/// heartbeats and rescues, one for finishing jobs (a finish holds its row lock while the files
/// move), and one that LISTENs on `spoolscan_jobs`. Every job-changing step is one transaction
/// that locks the job's row; claims and rescues use `FOR UPDATE SKIP LOCKED`, so hosts never
/// wait on each other's rows. Times (receipt, lease expiry, backoff) are the server's clock, so
/// the hosts' clocks need not agree.
public final class PostgresLedger: JobLedger, @unchecked Sendable {
    private let commands: DatabaseThread
    private let finishes: DatabaseThread
    private let listener: DatabaseThread
    /// Claims made and what they cost (statements and time), for `scripts/bench-queue`.
    public let claimStats = StepStatistics(label: "claim")
    /// Committed finishes (results moved under the row lock) and what they cost.
    public let finishStats = StepStatistics(label: "finish")

    /// Connects (as application `spoolscan HOST`) and applies the schema's migrations; throws
    /// `HNDL-022` when the server cannot be reached and `HNDL-023` when its schema is newer.
    public init(url: QueueURL, application: String = "spoolscan") async throws {
        commands = DatabaseThread(url: url.value, application: application, name: "queue-commands")
        finishes = DatabaseThread(url: url.value, application: application, name: "queue-finishes")
        listener = DatabaseThread(url: url.value, application: application, name: "queue-listen")
        try await commands.run { session in try session.with { try LedgerSchema.migrate($0) } }
    }

    deinit {
        commands.close()
        finishes.close()
        listener.close()
    }

    static let jobColumns = """
        id, name, inode, size, mtime_ns, token, counted, held,
        floor(extract(epoch FROM received_at) * 1000000)::bigint AS received_us
        """

    static func job(_ rows: PGRows, _ row: Int = 0, exhausted: Bool = false) -> LedgerJob {
        LedgerJob(id: rows.int(row, "id") ?? 0, name: rows.value(row, "name") ?? "",
                  inode: UInt64(rows.value(row, "inode") ?? "") ?? 0, size: rows.int(row, "size") ?? 0,
                  mtimeNs: rows.int(row, "mtime_ns") ?? 0, receivedAtNs: (rows.int(row, "received_us") ?? 0) * 1000,
                  token: rows.int(row, "token") ?? 0, counted: Int(rows.int(row, "counted") ?? 0),
                  held: Int(rows.int(row, "held") ?? 0), exhausted: exhausted)
    }

    public func register(_ drops: [LedgerDrop], by owner: LedgerOwner) async throws -> Int {
        guard !drops.isEmpty else { return 0 }
        let parameters: [String?] = [
            PGArray.text(drops.map(\.key)), PGArray.text(drops.map(\.name)), PGArray.text(drops.map { "\($0.inode)" }),
            PGArray.integers(drops.map(\.size)), PGArray.integers(drops.map(\.mtimeNs)), owner.host,
        ]
        return try await commands.run { session in
            try session.with { db in
                try db.transaction { db in
                    let added = try db.exec("""
                        INSERT INTO spoolscan_jobs (job_key, name, inode, size, mtime_ns, registered_by, received_at)
                        SELECT k, n, i, s, m, $6, clock_timestamp()
                        FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
                             WITH ORDINALITY AS t(k, n, i, s, m, ord)
                        ORDER BY ord
                        ON CONFLICT (job_key) DO NOTHING
                        RETURNING id
                        """, parameters).rows.count
                    if added > 0 { try db.exec("SELECT pg_notify('spoolscan_jobs', 'registered')") }
                    return added
                }
            }
        }
    }

    public func claim(_ owner: LedgerOwner, leaseSeconds: Double, maxAttempts: Int,
                      move: @escaping @Sendable (LedgerJob) -> ClaimMove) async throws -> LedgerJob? {
        let stats = claimStats
        return try await commands.run { session in
            try session.with { db in
                // A few candidates at most: a busy name or a vanished file passes to the next one.
                for _ in 0..<8 {
                    let start = Timestamp.monotonicNs()
                    let before = db.statements
                    let outcome: ClaimStep = try db.transaction { db in
                        let rows = try db.exec("""
                            SELECT \(Self.jobColumns) FROM spoolscan_jobs
                            WHERE state = 'pending' AND (not_before IS NULL OR not_before <= clock_timestamp())
                            ORDER BY received_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
                            """)
                        guard !rows.isEmpty else { return .none }
                        var job = Self.job(rows)
                        var decided = move(job)
                        if decided == .takenOver {
                            let sibling = try db.exec("""
                                SELECT 1 FROM spoolscan_jobs WHERE inode = $1 AND size = $2 AND mtime_ns = $3
                                AND state = 'running' AND id <> $4
                                """, ["\(job.inode)", "\(job.size)", "\(job.mtimeNs)", "\(job.id)"])
                            if !sibling.isEmpty { decided = .gone }
                        }
                        switch decided {
                        case .claimed, .takenOver:
                            job.exhausted = job.counted >= maxAttempts
                            let updated = try db.exec("""
                                UPDATE spoolscan_jobs SET state = 'running', token = token + 1, counted = counted + $2,
                                    owner_host = $3, owner_instance = $4, claimed_at = clock_timestamp(), not_before = NULL,
                                    lease_until = clock_timestamp() + make_interval(secs => $5::float8)
                                WHERE id = $1 RETURNING token, counted
                                """, ["\(job.id)", job.exhausted ? "0" : "1", owner.host, owner.instance, "\(leaseSeconds)"])
                            job.token = updated.int(0, "token") ?? job.token + 1
                            job.counted = Int(updated.int(0, "counted") ?? Int64(job.counted))
                            try db.exec("INSERT INTO spoolscan_attempts (job_id, token, host, counted) VALUES ($1, $2, $3, $4)",
                                        ["\(job.id)", "\(job.token)", owner.host, job.exhausted ? "false" : "true"])
                            return .claimed(job)
                        case .nameBusy:
                            try db.exec("UPDATE spoolscan_jobs SET not_before = clock_timestamp() + interval '1 second' WHERE id = $1",
                                        ["\(job.id)"])
                            return .skipped
                        case .gone:
                            try db.exec("""
                                UPDATE spoolscan_jobs SET state = 'gone', finished_at = clock_timestamp(),
                                    message = 'the file left pending/ before it was claimed' WHERE id = $1
                                """, ["\(job.id)"])
                            return .skipped
                        case .finished(let state, let name):
                            try db.exec("""
                                UPDATE spoolscan_jobs SET state = $2, final_name = $3, finished_at = clock_timestamp() WHERE id = $1
                                """, ["\(job.id)", state.rawValue, name])
                            return .skipped
                        }
                    }
                    switch outcome {
                    case .none: return nil
                    case .skipped: continue
                    case .claimed(let job):
                        stats.add(statements: db.statements - before, ns: Timestamp.monotonicNs() - start)
                        return job
                    }
                }
                return nil
            }
        }
    }

    private enum ClaimStep { case none, skipped, claimed(LedgerJob) }

    public func renew(_ owner: LedgerOwner, jobs: [(Int64, Int64)], leaseSeconds: Double) async throws -> Set<Int64> {
        guard !jobs.isEmpty else { return [] }
        let parameters: [String?] = [PGArray.integers(jobs.map(\.0)), PGArray.integers(jobs.map(\.1)), "\(leaseSeconds)"]
        return try await commands.run { session in
            try session.with { db in
                let rows = try db.exec("""
                    UPDATE spoolscan_jobs j SET lease_until = clock_timestamp() + make_interval(secs => $3::float8)
                    FROM unnest($1::bigint[], $2::bigint[]) AS h(id, token)
                    WHERE j.id = h.id AND j.token = h.token AND j.state = 'running'
                    RETURNING j.id
                    """, parameters)
                return Set(rows.rows.indices.compactMap { rows.int($0, "id") })
            }
        }
    }

    public func finish(_ job: LedgerJob, attempt: AttemptEnd?,
                       move: @escaping @Sendable (LedgerJob, [AttemptRecord]) throws -> FinishMove) async throws -> Bool {
        let stats = finishStats
        return try await finishes.run { session in
            try session.with { db in
                let (start, before) = (Timestamp.monotonicNs(), db.statements)
                let committed: Bool = try db.transaction { db in
                    let row = try db.exec("SELECT \(Self.jobColumns), state FROM spoolscan_jobs WHERE id = $1 FOR UPDATE", ["\(job.id)"])
                    guard !row.isEmpty, row.value(0, "state") == "running", row.int(0, "token") == job.token else { return false }
                    var current = Self.job(row, exhausted: job.exhausted)
                    if let attempt {
                        try db.exec("""
                            UPDATE spoolscan_attempts SET duration_ms = $3, cause = $4, code = $5, detail = $6,
                                stderr_tail = $7, counted = $8 WHERE job_id = $1 AND token = $2
                            """, ["\(job.id)", "\(job.token)", "\(attempt.durationMs)", attempt.cause.rawValue, attempt.code,
                                  attempt.detail, attempt.stderrTail.map(Self.clean), attempt.counted ? "true" : "false"])
                        if !attempt.counted && !job.exhausted {
                            try db.exec("UPDATE spoolscan_jobs SET counted = counted - 1 WHERE id = $1", ["\(job.id)"])
                            current.counted -= 1
                        }
                    }
                    let history = try Self.history(db, job.id)
                    switch try move(current, history) {
                    case .finished(let state, let name, let code, let message):
                        try db.exec("""
                            UPDATE spoolscan_jobs SET state = $2, final_name = $3, code = $4, message = $5,
                                finished_at = clock_timestamp(), lease_until = NULL WHERE id = $1
                            """, ["\(job.id)", state.rawValue, name, code, message])
                    case .requeued(let name, let delay, let hold):
                        try Self.requeue(db, current, name: name, delaySeconds: delay, hold: hold)
                    }
                    return true
                }
                if committed { stats.add(statements: db.statements - before, ns: Timestamp.monotonicNs() - start) }
                return committed
            }
        }
    }

    public func rescueExpired(_ owner: LedgerOwner, move: @escaping @Sendable (LedgerJob) -> RescueMove) async throws -> Int {
        try await commands.run { session in
            try session.with { db in
                var rescued = 0
                for _ in 0..<64 {
                    let found: Bool = try db.transaction { db in
                        let rows = try db.exec("""
                            SELECT \(Self.jobColumns), owner_host FROM spoolscan_jobs
                            WHERE state = 'running' AND lease_until < clock_timestamp()
                            ORDER BY lease_until LIMIT 1 FOR UPDATE SKIP LOCKED
                            """)
                        guard !rows.isEmpty else { return false }
                        let job = Self.job(rows)
                        try db.exec("""
                            UPDATE spoolscan_attempts SET cause = 'interrupted', code = $3, detail = $4
                            WHERE job_id = $1 AND token = $2 AND cause IS NULL
                            """, ["\(job.id)", "\(job.token)", ErrorCode.leaseLost.code,
                                  "lease of \(rows.value(0, "owner_host") ?? "?") expired; rescued by \(owner.host)"])
                        switch move(job) {
                        case .requeued(let name):
                            try Self.requeue(db, job, name: name, delaySeconds: 0, hold: false)
                        case .finished(let state, let name):
                            try db.exec("""
                                UPDATE spoolscan_jobs SET state = $2, final_name = $3, finished_at = clock_timestamp(),
                                    lease_until = NULL WHERE id = $1
                                """, ["\(job.id)", state.rawValue, name])
                        case .gone:
                            try db.exec("""
                                UPDATE spoolscan_jobs SET state = 'gone', finished_at = clock_timestamp(), lease_until = NULL,
                                    message = 'the file was gone when its lease expired' WHERE id = $1
                                """, ["\(job.id)"])
                        }
                        return true
                    }
                    guard found else { break }
                    rescued += 1
                }
                return rescued
            }
        }
    }

    public func expirePreviousRuns(_ owner: LedgerOwner) async throws -> Int {
        try await commands.run { session in
            try session.with { db in
                try db.exec("""
                    UPDATE spoolscan_jobs SET lease_until = clock_timestamp() - interval '1 second'
                    WHERE state = 'running' AND owner_host = $1 AND owner_instance <> $2
                    """, [owner.host, owner.instance]).affected
            }
        }
    }

    public func announce(_ owner: LedgerOwner, slots: Int) async throws {
        try await commands.run { session in
            try session.with { db in
                try db.exec("""
                    INSERT INTO spoolscan_hosts (host, instance, slots) VALUES ($1, $2, $3)
                    ON CONFLICT (host) DO UPDATE SET slots = EXCLUDED.slots, seen_at = clock_timestamp(),
                        started_at = CASE WHEN spoolscan_hosts.instance = EXCLUDED.instance
                                          THEN spoolscan_hosts.started_at ELSE clock_timestamp() END,
                        instance = EXCLUDED.instance
                    """, [owner.host, owner.instance, "\(slots)"])
            }
        }
    }

    public func notify() async throws {
        try await commands.run { session in
            try session.with { db in try db.exec("SELECT pg_notify('spoolscan_jobs', 'freed')") }
        }
    }

    public func waitForNotification(timeoutMs: Int) async throws -> Bool {
        try await listener.run { session in
            if session.onConnect == nil {
                session.onConnect = { connection throws(SpoolscanError) in try connection.exec("LISTEN spoolscan_jobs") }
            }
            return try session.with { db in !(try db.notifications(timeoutMs: Int32(timeoutMs))).isEmpty }
        }
    }

    private static func requeue(_ db: PGConnection, _ job: LedgerJob, name: String, delaySeconds: Double, hold: Bool) throws {
        try db.exec("""
            UPDATE spoolscan_jobs SET state = 'pending', name = $2, job_key = $3, owner_host = NULL, owner_instance = NULL,
                lease_until = NULL, held = held + $4,
                not_before = CASE WHEN $5::float8 > 0 THEN clock_timestamp() + make_interval(secs => $5::float8) END
            WHERE id = $1
            """, ["\(job.id)", name, LedgerJob.key(name: name, inode: job.inode, size: job.size, mtimeNs: job.mtimeNs),
                  hold ? "1" : "0", "\(delaySeconds)"])
    }

    /// The job's attempts, oldest first, as the error record's history.
    static func history(_ db: PGConnection, _ id: Int64) throws -> [AttemptRecord] {
        let rows = try db.exec("""
            SELECT token, floor(extract(epoch FROM started_at) * 1000000)::bigint AS started_us, duration_ms, cause,
                code, detail, stderr_tail, counted
            FROM spoolscan_attempts WHERE job_id = $1 ORDER BY token
            """, ["\(id)"])
        return rows.rows.indices.map { row in
            var record = AttemptRecord(number: Int(rows.int(row, "token") ?? 0), startedAtNs: (rows.int(row, "started_us") ?? 0) * 1000,
                                       counted: rows.value(row, "counted") == "t")
            record.durationMs = rows.int(row, "duration_ms").map(Int.init)
            record.cause = rows.value(row, "cause").flatMap(ExitKind.init(rawValue:))
            record.code = rows.value(row, "code")
            record.detail = rows.value(row, "detail")
            record.stderrTail = rows.value(row, "stderr_tail")
            return record
        }
    }

    /// Text PostgreSQL accepts (no NUL bytes).
    static func clean(_ text: String) -> String { text.replacingOccurrences(of: "\u{0}", with: "") }
}
