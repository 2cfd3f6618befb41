import SQLiteDB

/// The cache file's layout. `blobs` maps a stored layer blob's digest to its diffID (so a
/// compressed layer that hits is hashed, never decompressed); `analyses` holds one layer's
/// analysis per diffID and analyser key, with its size and last use for LRU eviction.
enum LayerCacheSchema {
    /// `PRAGMA application_id`: "SPLC". A file with tables and another id is someone else's.
    static let applicationID: Int64 = 0x5350_4C43
    /// `PRAGMA user_version` of this layout.
    static let version: Int64 = 1

    static let createSQL = """
        CREATE TABLE IF NOT EXISTS blobs (
            blob_digest TEXT PRIMARY KEY, diff_id TEXT NOT NULL, compression TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS analyses (
            diff_id TEXT NOT NULL, analyser TEXT NOT NULL, data BLOB NOT NULL, bytes INTEGER NOT NULL,
            last_used INTEGER NOT NULL, PRIMARY KEY (diff_id, analyser)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS analyses_last_used ON analyses(last_used);
        CREATE INDEX IF NOT EXISTS blobs_diff_id ON blobs(diff_id);
        """

    /// Prepares `db` for use: creates the layout in an empty file (WAL, incremental vacuum),
    /// accepts this layout, refuses anything else.
    static func prepare(_ db: SQLiteDatabase, path: String) throws(LayerCacheError) {
        do {
            try check(db, path: path, allowEmpty: true)
            // WAL lets readers go on while one process writes; set before any table exists,
            // incremental vacuum lets eviction give pages back.
            try db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            _ = try scalar(db, "PRAGMA journal_mode = WAL")
            try db.execute("PRAGMA synchronous = NORMAL")
            try db.transaction {
                guard try check(db, path: path, allowEmpty: true) == .empty else { return }
                try db.execute(createSQL)
                try db.execute("PRAGMA application_id = \(applicationID); PRAGMA user_version = \(version)")
            }
        } catch {
            throw LayerCacheError(any: error, path: path)
        }
    }

    enum State { case empty, ours }

    /// Whether `db` is empty or holds this layout; throws for a foreign or newer file.
    @discardableResult
    static func check(_ db: SQLiteDatabase, path: String, allowEmpty: Bool) throws -> State {
        let id = try scalar(db, "PRAGMA application_id")
        let version = try scalar(db, "PRAGMA user_version")
        let tables = try scalar(db, "SELECT count(*) FROM sqlite_master")
        if id == applicationID {
            guard version == Self.version else {
                throw LayerCacheError("\(path) is a layer cache of layout \(version); this spoolscan uses \(Self.version)")
            }
            return .ours
        }
        guard tables == 0, id == 0, allowEmpty else {
            throw LayerCacheError("\(path) is not a spoolscan layer cache (another SQLite database)")
        }
        return .empty
    }

    static func scalar(_ db: SQLiteDatabase, _ sql: String) throws(SQLiteError) -> Int64 {
        let statement = try db.cached(sql)
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int(0)
    }
}
