import Foundation
import ScanReport
import SpoolscanCore
import Testing
import TestSupport
@testable import Advisories

/// OSV's `<Ecosystem>/all.zip`: every `.json` entry is a record; other entries are ignored.
@Suite struct OSVZipImportTests {
    /// The database (and the folder that holds it, which lives as long as it is kept).
    static func importZip(_ files: [(String, String)]) throws -> (AdvisoryDatabase, TemporaryFolder) {
        let folder = TemporaryFolder()
        let zip = folder.path + "/all.zip"
        try Data(ZipWriter.zip(files.map { ($0.0, Array($0.1.utf8)) })).write(to: URL(fileURLWithPath: zip))
        _ = try AdvisoryImporter(databasePath: folder.path + "/advisories.db").importFeeds([zip])
        return (try AdvisoryDatabase(path: folder.path + "/advisories.db"), folder)
    }

    @Test func recordsOfAZip() throws {
        let (db, folder) = try Self.importZip([
            ("PYSEC-1.json", Fixture.osv(id: "PYSEC-1", name: "requests", ranges: Fixture.range([("introduced", "0"), ("fixed", "2.20.0")]))),
            ("README.md", "not a record"),
            ("PYSEC-2.json", Fixture.osv(id: "PYSEC-2", name: "requests", versions: ["2.19.1"])),
        ])
        let found = try Fixture.match(db, Fixture.package("requests", "2.19.1", .pypi))
        #expect(found.map(\.id).sorted() == ["PYSEC-1", "PYSEC-2"])
        withExtendedLifetime(folder) {}
    }

    @Test func anEntryThatIsNotARecordFailsTheImport() {
        #expect { _ = try Self.importZip([("x.json", "{\"not\": \"osv\"}")]) } throws: { error in
            (error as? SpoolscanError)?.code == .dbImportFormat && "\(error)".contains("x.json")
        }
    }

    @Test func aCorruptZipFailsTheImport() throws {
        let folder = TemporaryFolder()
        let zip = folder.path + "/all.zip"
        let bytes = ZipWriter.zip([("a.json", Array(Fixture.osv(id: "A", name: "x").utf8))])
        try Data(bytes.prefix(40)).write(to: URL(fileURLWithPath: zip))
        #expect { _ = try AdvisoryImporter(databasePath: folder.path + "/db").importFeeds([zip]) } throws: { error in
            (error as? SpoolscanError)?.code == .dbImportFormat
        }
    }
}
