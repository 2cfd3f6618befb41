import CSQLite
import Testing
@testable import SQLiteDB

@Suite struct SerializedDatabaseTests {
    /// A database image with one table, made by SQLite itself.
    static func image() throws -> [UInt8] {
        let db = try SQLiteDatabase(path: ":memory:", mode: .create)
        try db.execute("CREATE TABLE t(x); INSERT INTO t VALUES (42);")
        var size: sqlite3_int64 = 0
        let pointer = try #require(sqlite3_serialize(db.handle, "main", &size, 0))
        defer { sqlite3_free(pointer) }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(size)))
    }

    @Test func opensAnImageFromMemory() throws {
        let db = try SQLiteDatabase(serialized: try Self.image())
        let statement = try db.prepare("SELECT x FROM t")
        #expect(try statement.step())
        #expect(statement.int(0) == 42)
    }

    /// A failed deserialize closes the connection once, in the initialiser; `deinit` must not
    /// close it again (it did: `handle` was set before the failure, so the object was fully
    /// initialised and its deinit ran on the closed connection — a use after free that
    /// AddressSanitizer reports). Repeated so a double close would hit reused memory.
    @Test func failedDeserializeThrowsAndClosesOnce() throws {
        let image = try Self.image()
        for _ in 0..<200 {
            #expect(throws: SQLiteError.self) { _ = try SQLiteDatabase(serialized: image, schema: "no_such_schema") }
        }
        let db = try SQLiteDatabase(serialized: image)
        #expect(try db.tableNames() == ["t"])
    }
}
