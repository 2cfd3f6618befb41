import Foundation
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
            try switchToWAL(db)
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

    /// Switches the file to WAL (a no-op once it is). When several processes open a new cache at
    /// once, the switch can find another connection's shared lock, and SQLite then answers
    /// `SQLITE_BUSY` at once, without its busy handler (which could deadlock there): the switch
    /// is tried again every 10 ms for up to `waitMs`, as long as the busy timeout of every other
    /// statement.
    static func switchToWAL(_ db: SQLiteDatabase, waitMs: Int = 5_000) throws(SQLiteError) {
        let busy: Int32 = 5   // SQLITE_BUSY
        var waited = 0
        while true {
            do {
                _ = try scalar(db, "PRAGMA journal_mode = WAL")
                return
            } catch where error.code == busy && waited < waitMs {
                usleep(10_000)
                waited += 10
            }
        }
    }

    enum State { case empty, ours }

    /// The file's id, layout version and schema size, read by one statement: three separate
    /// reads outside a transaction could each see another writer's progress (no id yet, tables
    /// already there) and take a cache being created by another process for a foreign file.
    static let headerSQL = """
        SELECT (SELECT application_id FROM pragma_application_id), (SELECT user_version FROM pragma_user_version),
               (SELECT count(*) FROM sqlite_master)
        """

    /// Whether `db` is empty or holds this layout; throws for a foreign or newer file.
    @discardableResult
    static func check(_ db: SQLiteDatabase, path: String, allowEmpty: Bool) throws -> State {
        let statement = try db.cached(headerSQL)
        defer { statement.reset() }
        guard try statement.step() else { throw LayerCacheError("\(path): the database header cannot be read") }
        let (id, version, tables) = (statement.int(0), statement.int(1), statement.int(2))
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
