import SpoolscanCore

/// The ledger's tables, as numbered migrations applied on start.
///
/// `spoolscan_schema` holds the versions applied. Start-up takes a transaction-scoped advisory
/// lock (so hosts starting together migrate once), refuses a database whose newest version is
/// above ``current`` with `HNDL-023` (a newer spoolscan migrated it), and applies the missing
/// migrations in one transaction.
enum LedgerSchema {
    /// The newest version this build knows.
    static var current: Int { migrations.count }

    /// Key of the advisory lock that serialises migrations (any constant unique to spoolscan).
    static let migrationLock = "7301455612"

    /// Each migration's statements (libpq's parameterised calls take one statement at a time).
    static let migrations: [[String]] = [
        // 1: jobs, attempts, hosts.
        [
            """
            CREATE TABLE spoolscan_jobs (
                id bigserial PRIMARY KEY,
                job_key text NOT NULL UNIQUE,
                name text NOT NULL,
                inode text NOT NULL,
                size bigint NOT NULL,
                mtime_ns bigint NOT NULL,
                received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                registered_by text NOT NULL,
                state text NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'running', 'done', 'quarantine', 'error', 'gone')),
                token bigint NOT NULL DEFAULT 0,
                counted integer NOT NULL DEFAULT 0,
                held integer NOT NULL DEFAULT 0,
                owner_host text,
                owner_instance text,
                lease_until timestamptz,
                not_before timestamptz,
                claimed_at timestamptz,
                finished_at timestamptz,
                final_name text,
                code text,
                message text
            )
            """,
            """
            CREATE INDEX spoolscan_jobs_queue ON spoolscan_jobs (received_at, id) WHERE state = 'pending'
            """,
            """
            CREATE INDEX spoolscan_jobs_leases ON spoolscan_jobs (lease_until) WHERE state = 'running'
            """,
            """
            CREATE INDEX spoolscan_jobs_finished ON spoolscan_jobs (finished_at) WHERE state IN ('error', 'gone')
            """,
            """
            CREATE TABLE spoolscan_attempts (
                job_id bigint NOT NULL REFERENCES spoolscan_jobs (id) ON DELETE CASCADE,
                token bigint NOT NULL,
                host text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                duration_ms integer,
                cause text,
                code text,
                detail text,
                stderr_tail text,
                counted boolean NOT NULL DEFAULT true,
                PRIMARY KEY (job_id, token)
            )
            """,
            """
            CREATE TABLE spoolscan_hosts (
                host text PRIMARY KEY,
                instance text NOT NULL,
                slots integer NOT NULL,
                started_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                seen_at timestamptz NOT NULL DEFAULT clock_timestamp()
            )
            """,
        ],
    ]

    /// Brings the database to ``current``; returns the version found before.
    @discardableResult
    static func migrate(_ connection: PGConnection) throws -> Int {
        try connection.transaction { db in
            try db.exec("SELECT pg_advisory_xact_lock(\(migrationLock))")
            try db.exec("""
                CREATE TABLE IF NOT EXISTS spoolscan_schema (
                    version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT clock_timestamp())
                """)
            let found = Int(try db.exec("SELECT coalesce(max(version), 0) AS v FROM spoolscan_schema").int(0, "v") ?? 0)
            guard found <= current else {
                throw SpoolscanError(.queueSchema, "the queue database has schema version \(found); this spoolscan knows up to \(current)")
            }
            for version in (found + 1)..<(current + 1) {
                for statement in migrations[version - 1] { try db.exec(statement) }
                try db.exec("INSERT INTO spoolscan_schema (version) VALUES ($1)", ["\(version)"])
            }
            return found
        }
    }
}
