import Testing
import ScanReport
@testable import PackageCatalog

@Suite struct RustBinaryTests {
    @Test func cargoAuditableSection() throws {
        let elf = try Fixtures.bytes("rust-auditable.elf")
        let records = try #require(try RustAuditCataloguer.parse(elf: elf))
        #expect(records.map { "\($0.name)@\($0.version)" } == ["adler@1.0.2", "serde@1.0.188", "cc@1.0.83", "auditable-demo@0.1.0"])
        #expect(records.allSatisfy { $0.type == .cargo })
    }

    @Test func throughTheVisitor() throws {
        var layer = TestImage.Layer()
        layer.file("usr/local/bin/demo", try Fixtures.bytes("rust-auditable.elf"), mode: 0o755)
        layer.file("usr/local/bin/plain", try Fixtures.bytes("rust-auditable.elf"), mode: 0o644)
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer, chunkSize: 4096))
        #expect(result.packages.count == 4)
        #expect(result.packages.allSatisfy { $0.paths == ["usr/local/bin/demo"] })
        #expect(result.packages.first?.purl == "pkg:cargo/adler@1.0.2")
    }

    @Test(.enabled(if: Fixtures.machineFile("/bin/true") != nil, "needs /bin/true (a plain ELF executable of this machine)"))
    func plainELFHasNoAuditData() throws {
        let plain = try #require(Fixtures.machineFile("/bin/true"))
        #expect(try RustAuditCataloguer.parse(elf: plain) == nil)
    }

    @Test func truncatedAndCorruptELF() throws {
        let elf = try Fixtures.bytes("rust-auditable.elf")
        for length in [0, 3, 60, elf.count / 2] {
            #expect(try RustAuditCataloguer.parse(elf: Array(elf.prefix(length))) == nil, "length \(length)")
        }
        // Losing the last byte damages only the last section header, not .dep-v0's.
        #expect(try RustAuditCataloguer.parse(elf: Array(elf.dropLast()))?.count == 4)
        let section = try #require(ELFSections.section(named: ".dep-v0", in: elf))
        var corrupt = elf
        for index in section.indices.dropFirst(2) { corrupt[index] ^= 0x5A }
        #expect(throws: RustAuditCataloguer.Failure.self) { try RustAuditCataloguer.parse(elf: corrupt) }
        var layer = TestImage.Layer()
        layer.file("bin/broken", corrupt, mode: 0o755)
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer))
        #expect(result.packages.isEmpty)
        #expect(result.warnings.count == 1 && result.warnings[0].hasPrefix("bin/broken: .dep-v0"))
    }
}

@Suite struct LargeBinaryTests {
    static func fakeELF(size: Int, marker: String?, at offset: Int) -> [UInt8] {
        var bytes = ELFSections.magic + [UInt8](repeating: 0x41, count: size - 4)
        if let marker { bytes.replaceSubrange(offset..<(offset + marker.utf8.count), with: Array(marker.utf8)) }
        return bytes
    }

    @Test(arguments: [100, 1020, 1021, 1500, 4000])
    func onlyLargeRustBinariesWarn(markerOffset: Int) {
        var warning: String?
        let rust = BinarySink(cap: 1024, maxModInfo: 1 << 20) { _, message in warning = message }
        TestImage.write(Self.fakeELF(size: 5000, marker: "/rustc/90b35a6239c3/library/core", at: markerOffset), to: rust, chunkSize: 512)
        #expect(warning == "Rust binary larger than 1024 bytes not checked for cargo-auditable data")

        var other: String? = "unset"
        let plain = BinarySink(cap: 1024, maxModInfo: 1 << 20) { _, message in other = message }
        TestImage.write(Self.fakeELF(size: 5000, marker: nil, at: 0), to: plain, chunkSize: 512)
        #expect(other == nil)
    }
}
