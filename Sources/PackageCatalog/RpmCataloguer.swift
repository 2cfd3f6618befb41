import SQLiteDB

/// rpm databases: the SQLite format of rpm ≥ 4.16 (Fedora ≥ 33, RHEL/Rocky/Alma ≥ 9) at
/// `var/lib/rpm/rpmdb.sqlite` or `usr/lib/sysimage/rpm/rpmdb.sqlite`, and the Berkeley DB
/// hash `Packages` file of older releases (RHEL/CentOS ≤ 8, Amazon Linux 2) at
/// `var/lib/rpm/Packages` or `usr/lib/sysimage/rpm/Packages`. rpm 4.17's `ndb` format is not read.
public enum RpmCataloguer {
    static let sqlitePaths: Set<String> = ["var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite"]
    static let berkeleyPaths: Set<String> = ["var/lib/rpm/Packages", "usr/lib/sysimage/rpm/Packages"]

    /// A file that is not an rpm database.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// What one database held.
    public struct Result: Sendable {
        public var records: [PackageRecord]
        /// Headers that could not be parsed, one line each.
        public var warnings: [String]
    }

    /// Reads every header of the `Packages` table of an `rpmdb.sqlite` image held in memory.
    /// Throws when the bytes are not a SQLite database with that table.
    public static func parse(sqlite bytes: [UInt8]) throws -> Result {
        guard bytes.count >= 512, bytes.starts(with: Array("SQLite format 3\u{0}".utf8)) else {
            throw Failure(description: "not a SQLite database (no SQLite header)")
        }
        var image = bytes
        // rpm keeps the database in WAL mode; an in-memory image must say rollback mode to be read.
        if image.count > 100, image[18] == 2 || image[19] == 2 { image[18] = 1; image[19] = 1 }
        let database = try SQLiteDatabase(serialized: image)
        let statement = try database.prepare("SELECT hnum, blob FROM Packages ORDER BY hnum")
        var result = Result(records: [], warnings: [])
        while try statement.step() {
            add(statement.blob(1), label: "rpm header \(statement.int(0))", to: &result)
        }
        return result
    }

    /// Reads every header of a Berkeley DB `Packages` file held in memory. Throws when the
    /// bytes are not a Berkeley DB hash database.
    public static func parse(berkeleyDB bytes: [UInt8]) throws -> Result {
        var result = Result(records: [], warnings: [])
        for (index, value) in try BerkeleyHashDB(bytes).values().enumerated() where value.count > 8 {
            add(value, label: "rpm header \(index + 1)", to: &result)
        }
        return result
    }

    private static func add(_ blob: [UInt8], label: String, to result: inout Result) {
        do {
            if let record = try RpmHeader(blob).record(), record.name != "gpg-pubkey" { result.records.append(record) }
        } catch {
            result.warnings.append("\(label): \(error)")
        }
    }
}
