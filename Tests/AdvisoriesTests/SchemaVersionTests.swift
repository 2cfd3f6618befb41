import Foundation
import SQLiteDB
import ScanReport
import SpoolscanCore
import Testing
@testable import Advisories

/// Schema version 2 stores each advisory's chosen CVSS vector and score at import. Version 1 files
/// stay readable (scored while matching, same findings), an import upgrades them, and a version
/// this build does not know is refused with `DB-005`.
@Suite struct SchemaVersionTests {
    static let v3 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"
    static let v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"

    static func feeds() -> [String: String] {
        [
            "a.json": Fixture.osv(id: "PYSEC-1", name: "alpha", ranges: Fixture.range([("introduced", "0"), ("fixed", "2.0")]),
                                  extra: "\"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"\(v3)\"}],"),
            "b.json": Fixture.osv(id: "PYSEC-2", name: "alpha", ranges: Fixture.range([("introduced", "0"), ("fixed", "3.0")]),
                                  extra: "\"severity\": [{\"type\": \"CVSS_V4\", \"score\": \"\(v4)\"}],"),
            "c.json": Fixture.osv(id: "PYSEC-3", name: "alpha", ranges: Fixture.range([("introduced", "0")])),
        ]
    }

    /// Turns a version 2 file into the version 1 layout.
    static func downgrade(_ path: String) throws {
        try SQLiteDatabase(path: path, mode: .readWrite).execute("""
            ALTER TABLE advisories DROP COLUMN cvss_vector; ALTER TABLE advisories DROP COLUMN cvss_score;
            UPDATE meta SET value = '1' WHERE key = 'schema_version';
            """)
    }

    @Test func importStoresTheChosenScore() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(Self.feeds(), in: folder)
        #expect(try db.summary().schemaVersion == 2)
        let rows = try SQLiteDatabase(path: db.path, mode: .readOnly)
            .prepare("SELECT id, cvss_vector, cvss_score FROM advisories ORDER BY id")
        var stored: [String: (String?, Double?)] = [:]
        while try rows.step() { stored[rows.string(0) ?? ""] = (rows.string(1), rows.isNull(2) ? nil : rows.double(2)) }
        #expect(stored["PYSEC-1"]?.0 == Self.v3 && stored["PYSEC-1"]?.1 == 9.8)
        #expect(stored["PYSEC-2"]?.0 == Self.v4 && stored["PYSEC-2"]?.1 == 9.3)
        #expect(stored["PYSEC-3"]?.0 == nil && stored["PYSEC-3"]?.1 == nil)
    }

    @Test func version1FilesMatchTheSameAndImportsUpgradeThem() throws {
        let folder = TemporaryFolder()
        let current = try Fixture.match(Fixture.database(Self.feeds(), in: folder), Fixture.package("alpha", "1.0", .pypi))
        #expect(current.map(\.cvss?.score) == [9.8, 9.3, nil])

        try Self.downgrade(folder.path + "/advisories.db")
        let old = try AdvisoryDatabase(path: folder.path + "/advisories.db")
        #expect(try old.summary().schemaVersion == 1)
        #expect(try Fixture.match(old, Fixture.package("alpha", "1.0", .pypi)) == current)

        // Another feed: importing `osv:PyPI` again would replace the rows above.
        let extra = folder.write("more/d.json", Fixture.osv(id: "GO-2024-0001", ecosystem: "Go", name: "example.com/beta", ranges: Fixture.range([("introduced", "0")])))
        _ = try AdvisoryImporter(databasePath: folder.path + "/advisories.db").importFeeds([extra])
        let upgraded = try AdvisoryDatabase(path: folder.path + "/advisories.db")
        #expect(try upgraded.summary().schemaVersion == AdvisorySchema.version)
        #expect(try Fixture.match(upgraded, Fixture.package("alpha", "1.0", .pypi)) == current)
    }

    @Test func unknownVersionIsDB005() throws {
        let folder = TemporaryFolder()
        _ = try Fixture.database(Self.feeds(), in: folder)
        let path = folder.path + "/advisories.db"
        try SQLiteDatabase(path: path, mode: .readWrite).execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
        #expect { try AdvisoryDatabase(path: path) } throws: { ($0 as? SpoolscanError)?.code == .dbSchema }
        let feed = folder.write("more/e.json", Fixture.osv(id: "PYSEC-5", name: "gamma", ranges: Fixture.range([("introduced", "0")])))
        #expect { try AdvisoryImporter(databasePath: path).importFeeds([feed]) } throws: { ($0 as? SpoolscanError)?.code == .dbSchema }
    }
}
