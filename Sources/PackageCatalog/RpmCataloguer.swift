import SQLiteDB

/// rpm databases in the SQLite format (rpm ≥ 4.16: Fedora ≥ 33, RHEL/Rocky/Alma ≥ 9):
/// `var/lib/rpm/rpmdb.sqlite` and `usr/lib/sysimage/rpm/rpmdb.sqlite`. The Berkeley DB
/// `Packages` file of older releases is not read (it is reported as a warning).
public enum RpmCataloguer {
    static let sqlitePaths: Set<String> = ["var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite"]
    static let berkeleyPaths = ["var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages"]

    /// What one database held.
    public struct Result: Sendable {
        public var records: [PackageRecord]
        /// Headers that could not be parsed, one line each.
        public var warnings: [String]
    }

    /// Reads every header of the `Packages` table of an `rpmdb.sqlite` image held in memory.
    /// Throws when the bytes are not a SQLite database with that table.
    public static func parse(sqlite bytes: [UInt8]) throws -> Result {
        var image = bytes
        // rpm keeps the database in WAL mode; an in-memory image must say rollback mode to be read.
        if image.count > 100, image[18] == 2 || image[19] == 2 { image[18] = 1; image[19] = 1 }
        let database = try SQLiteDatabase(serialized: image)
        let statement = try database.prepare("SELECT hnum, blob FROM Packages ORDER BY hnum")
        var result = Result(records: [], warnings: [])
        while try statement.step() {
            let number = statement.int(0)
            do {
                let header = try RpmHeader(statement.blob(1))
                if let record = header.record(), record.name != "gpg-pubkey" { result.records.append(record) }
            } catch {
                result.warnings.append("rpm header \(number): \(error)")
            }
        }
        return result
    }
}
