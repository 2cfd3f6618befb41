import CSQLite

/// A prepared statement. Bind parameters (1-based), `step()` through rows, read columns (0-based).
public final class SQLiteStatement {
    private let statement: OpaquePointer
    private unowned let database: SQLiteDatabase

    init(database: SQLiteDatabase, sql: String) throws(SQLiteError) {
        var prepared: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &prepared, nil)
        guard rc == SQLITE_OK, let prepared else {
            throw SQLiteError(code: rc, message: "\(database.lastErrorMessage) in: \(sql)")
        }
        self.statement = prepared
        self.database = database
    }

    deinit { sqlite3_finalize(statement) }

    /// Resets the statement and clears its bindings.
    public func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    public func bind(_ index: Int32, _ value: String?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        if value.isEmpty { sqlite3_bind_text(statement, index, "", 0, nil); return }
        let utf8 = Array(value.utf8)
        utf8.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                _ = csqlite_bind_transient_text(statement, index, $0.baseAddress, Int32($0.count))
            }
        }
    }

    public func bind(_ index: Int32, _ value: Int64?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, value)
    }

    public func bind(_ index: Int32, _ value: Int?) { bind(index, value.map(Int64.init)) }

    public func bind(_ index: Int32, _ value: Double?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_double(statement, index, value)
    }

    public func bind(_ index: Int32, blob: [UInt8]?) {
        guard let blob else { sqlite3_bind_null(statement, index); return }
        blob.withUnsafeBytes { _ = csqlite_bind_transient_blob(statement, index, $0.baseAddress, Int32($0.count)) }
    }

    /// Binds values to parameters 1…n in order.
    public func bindAll(_ values: [SQLiteValue]) {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text): bind(index, text)
            case .integer(let number): bind(index, number)
            case .real(let number): bind(index, number)
            case .blob(let bytes): bind(index, blob: bytes)
            case .null: sqlite3_bind_null(statement, index)
            }
        }
    }

    /// Advances to the next row. Returns false when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(statement)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: rc, message: database.lastErrorMessage)
        }
    }

    /// Runs a statement that returns no rows, then resets it for reuse.
    public func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
        reset()
        bindAll(values)
        try step()
        reset()
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    public func string(_ column: Int32) -> String? {
        guard let text = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    public func double(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }

    public func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// A value to bind.
public enum SQLiteValue: Sendable {
    case text(String), integer(Int64), real(Double), blob([UInt8]), null
}
