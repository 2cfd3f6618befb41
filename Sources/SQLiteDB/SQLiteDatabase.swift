import CSQLite
import SpoolscanCore

/// A SQLite connection (libsqlite3). One connection belongs to one thread at a time.
public final class SQLiteDatabase {
    let handle: OpaquePointer
    private var statementCache: [String: SQLiteStatement] = [:]

    /// How to open a database file.
    public enum Mode: Sendable { case readOnly, readWrite, create }

    /// Opens a database file.
    public init(path: String, mode: Mode) throws(SQLiteError) {
        var db: OpaquePointer?
        let flags: Int32
        switch mode {
        case .readOnly: flags = SQLITE_OPEN_READONLY
        case .readWrite: flags = SQLITE_OPEN_READWRITE
        case .create: flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }
        let rc = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: "open \(path): \(message)")
        }
        handle = db
        sqlite3_busy_timeout(handle, 5000)
    }

    /// Opens an in-memory copy of a database image (e.g. an `rpmdb.sqlite` read from a layer),
    /// read-only, without touching the disk.
    public convenience init(serialized bytes: [UInt8]) throws(SQLiteError) {
        try self.init(serialized: bytes, schema: "main")
    }

    /// `init(serialized:)` into the attached database `schema` (tests use an unknown schema
    /// to reach the failure path). The connection is owned by a local until every step has
    /// succeeded and closed here on failure: `handle` is set last, so a throwing initialiser
    /// never leaves `deinit` a connection that was already closed.
    init(serialized bytes: [UInt8], schema: String) throws(SQLiteError) {
        var opened: OpaquePointer?
        guard sqlite3_open_v2(":memory:", &opened, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              let db = opened else {
            if let opened { sqlite3_close_v2(opened) }
            throw SQLiteError(code: SQLITE_NOMEM, message: "cannot open in-memory database")
        }
        guard let buffer = sqlite3_malloc64(sqlite3_uint64(max(bytes.count, 1))) else {
            sqlite3_close_v2(db)
            throw SQLiteError(code: SQLITE_NOMEM, message: "cannot allocate \(bytes.count) bytes")
        }
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        // With FREEONCLOSE SQLite frees the buffer itself, also when deserializing fails.
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
        let rc = sqlite3_deserialize(db, schema, buffer.assumingMemoryBound(to: UInt8.self),
                                     sqlite3_int64(bytes.count), sqlite3_int64(bytes.count), flags)
        guard rc == SQLITE_OK else {
            sqlite3_close_v2(db)
            throw SQLiteError(code: rc, message: "not a SQLite database image")
        }
        handle = db
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String) throws(SQLiteError) {
        var error: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &error)
        if rc != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error \(rc)"
            sqlite3_free(error)
            throw SQLiteError(code: rc, message: message)
        }
    }

    /// A new prepared statement.
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(database: self, sql: sql)
    }

    /// A prepared statement kept for reuse on this connection (reset before it is returned).
    public func cached(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try prepare(sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs `body` inside one transaction; rolls back when it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The table names in the schema.
    public func tableNames() throws(SQLiteError) -> Set<String> {
        let statement = try prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        var names = Set<String>()
        while try statement.step() { if let name = statement.string(0) { names.insert(name) } }
        return names
    }

    var lastErrorMessage: String { String(cString: sqlite3_errmsg(handle)) }
}

/// A failed SQLite call: the result code and SQLite's message.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public var description: String { "sqlite error \(code): \(message)" }
}
