import Testing
import ScanReport
@testable import PackageCatalog

@Suite struct RpmTests {
    @Test func realRpmSQLiteDatabase() throws {
        let result = try RpmCataloguer.parse(sqlite: try Fixtures.bytes("rpmdb.sqlite"))
        #expect(result.warnings.isEmpty)
        #expect(result.records.sorted { $0.name < $1.name } == [
            PackageRecord(name: "spoolscan-fixture-hello", version: "2:1.2.3-4.fc40", type: .rpm,
                          sourceName: "spoolscan-fixture-hello", sourceVersion: "1.2.3-4.fc40", arch: "noarch",
                          licenses: ["MIT AND (Apache-2.0 OR BSD-3-Clause)"], epoch: "2"),
            PackageRecord(name: "spoolscan-fixture-lib", version: "0.9-1", type: .rpm,
                          sourceName: "spoolscan-fixture-lib", sourceVersion: "0.9-1", arch: "x86_64",
                          licenses: ["GPL-2.0-or-later"]),
        ])
        let hello = try #require(result.records.first { $0.epoch == "2" })
        let rocky = OSInfo(family: "rocky", version: "9.4", name: "Rocky Linux 9.4")
        #expect(PackageURL.make(for: hello, os: rocky)
                == "pkg:rpm/rocky/spoolscan-fixture-hello@1.2.3-4.fc40?arch=noarch&distro=rocky-9.4&epoch=2")
    }

    @Test func databaseInTheImage() throws {
        var layer = TestImage.Layer()
        layer.file("etc/os-release", "ID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40\"\n")
        layer.file("usr/lib/sysimage/rpm/rpmdb.sqlite", try Fixtures.bytes("rpmdb.sqlite"))
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer, chunkSize: 4096))
        #expect(result.packages.map(\.name) == ["spoolscan-fixture-hello", "spoolscan-fixture-lib"])
        #expect(result.packages.last?.purl == "pkg:rpm/fedora/spoolscan-fixture-lib@0.9-1?arch=x86_64&distro=fedora-40")
        #expect(result.packages.allSatisfy { $0.paths == ["usr/lib/sysimage/rpm/rpmdb.sqlite"] })
    }

    /// A header built byte by byte per the rpm header format (big-endian index + data store).
    static func craftedHeader() -> [UInt8] {
        var store: [UInt8] = []
        var index: [UInt8] = []
        func be(_ value: Int) -> [UInt8] { [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
        func add(_ tag: Int, string: String) {
            index += be(tag) + be(6) + be(store.count) + be(1)
            store += Array(string.utf8) + [0]
        }
        add(1000, string: "bash")
        add(1001, string: "5.1.8")
        add(1002, string: "9.el9")
        while store.count % 4 != 0 { store.append(0) }
        index += be(1003) + be(4) + be(store.count) + be(1)
        store += be(1)
        add(1022, string: "x86_64")
        add(1014, string: "GPL-3.0-or-later")
        add(1044, string: "bash-5.1.8-9.el9.src.rpm")
        return be(index.count / 16) + be(store.count) + index + store
    }

    @Test func craftedHeaderAndItsTruncations() throws {
        let blob = Self.craftedHeader()
        let record = try #require(try RpmHeader(blob).record())
        #expect(record == PackageRecord(name: "bash", version: "1:5.1.8-9.el9", type: .rpm, sourceName: "bash",
                                        sourceVersion: "5.1.8-9.el9", arch: "x86_64", licenses: ["GPL-3.0-or-later"], epoch: "1"))
        #expect(try RpmHeader([0x8E, 0xAD, 0xE8, 0x01, 0, 0, 0, 0] + blob).record() == record)
        for length in [0, 7, 8, 40, blob.count - 1] {
            #expect(throws: RpmHeader.FormatError.self) { try RpmHeader(Array(blob.prefix(length))) }
        }
        #expect(RpmHeader.splitSourceRPM("java-17-openjdk-17.0.9.0.9-2.el9.src.rpm").0 == "java-17-openjdk")
    }

    @Test(arguments: ["rpmdb-bdb-4096.Packages", "rpmdb-bdb-512.Packages"])
    func realBerkeleyDBPackagesFile(fixture: String) throws {
        let sqlite = try RpmCataloguer.parse(sqlite: try Fixtures.bytes("rpmdb.sqlite")).records
        let result = try RpmCataloguer.parse(berkeleyDB: try Fixtures.bytes(fixture))
        #expect(result.warnings.isEmpty)
        #expect(result.records.count == 2)
        #expect(Set(result.records.map(\.version)) == Set(sqlite.map(\.version)))
        #expect(result.records.sorted { $0.name < $1.name } == sqlite.sorted { $0.name < $1.name })
    }

    @Test func corruptBerkeleyDBFiles() throws {
        let file = try Fixtures.bytes("rpmdb-bdb-512.Packages")
        #expect(throws: (any Error).self) { try RpmCataloguer.parse(berkeleyDB: Array(file.prefix(100))) }
        #expect(throws: (any Error).self) { try RpmCataloguer.parse(berkeleyDB: [UInt8](repeating: 0, count: 4096)) }
        // Cut inside the overflow chains: pages past the end are treated as a broken chain.
        #expect(throws: (any Error).self) { try RpmCataloguer.parse(berkeleyDB: Array(file.prefix(512 * 5))) }
        // An overflow page that points back to itself must not loop.
        var looped = file
        looped[3 * 512 + 16] = 3
        looped[3 * 512 + 17] = 0
        #expect(throws: (any Error).self) { try RpmCataloguer.parse(berkeleyDB: looped) }
    }
}
