import Testing
import ScanReport
@testable import PackageCatalog

/// ELF files whose offsets, sizes and pointers sit at the top of the integer range. Found by
/// the `cargo-auditable` fuzz target (a section-table offset plus size overflowed `Int`, which
/// trapped and killed the scan) and by reading the code the trap led to.
@Suite struct HostileELFTests {
    /// A 64-bit little-endian ELF file of `size` bytes with a section table at 0x100 of
    /// `sections` 64-byte headers (name, type, offset, size) and `.shstrtab` as the last one.
    static func elf(size: Int = 0x400, sections: [(name: UInt32, type: UInt32, offset: UInt64, size: UInt64)]) -> [UInt8] {
        var file = [UInt8](repeating: 0, count: size)
        func put(_ value: UInt64, at offset: Int, size: Int) {
            for i in 0..<size { file[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }
        file.replaceSubrange(0..<4, with: ELFSections.magic)
        file[4] = 2; file[5] = 1; file[6] = 1
        put(0x100, at: 0x28, size: 8)                            // e_shoff
        put(64, at: 0x3A, size: 2)                               // e_shentsize
        put(UInt64(sections.count), at: 0x3C, size: 2)           // e_shnum
        put(UInt64(sections.count - 1), at: 0x3E, size: 2)       // e_shstrndx
        for (index, section) in sections.enumerated() {
            let at = 0x100 + index * 64
            put(UInt64(section.name), at: at, size: 4)
            put(UInt64(section.type), at: at + 4, size: 4)
            put(section.offset, at: at + 0x18, size: 8)
            put(section.size, at: at + 0x20, size: 8)
        }
        let names = Array("\0.dep-v0\0.shstrtab\0".utf8)
        file.replaceSubrange(0x300..<(0x300 + names.count), with: names)
        return file
    }

    static let names = (name: UInt32(9), type: UInt32(3), offset: UInt64(0x300), size: UInt64(19))

    @Test func sectionOffsetsThatOverflowAreMalformedNotFatal() throws {
        let huge = UInt64(Int.max) - 8
        let cases: [[(name: UInt32, type: UInt32, offset: UInt64, size: UInt64)]] = [
            // The string table's offset plus size overflows (the fuzzer's input did this).
            [(1, 1, 0x200, 16), (9, 3, huge, 16)],
            [(1, 1, 0x200, 16), (9, 3, 0x300, huge)],
            // The section's offset plus size overflows.
            [(1, 1, huge, 16), Self.names],
            [(1, 1, 0x200, huge), Self.names],
            // A name offset past the end of the string table.
            [(UInt32.max, 1, 0x200, 16), Self.names],
        ]
        for sections in cases {
            #expect(try RustAuditCataloguer.parse(elf: Self.elf(sections: sections)) == nil)
        }
        var hugeTable = Self.elf(sections: [(1, 1, 0x200, 16), Self.names])
        for i in 0..<8 { hugeTable[0x28 + i] = i == 7 ? 0x7F : 0xFF }  // e_shoff = Int.max
        #expect(try RustAuditCataloguer.parse(elf: hugeTable) == nil)
    }

    @Test func aWellFormedSectionIsStillFound() throws {
        let elf = Self.elf(sections: [(1, 1, 0x200, 16), Self.names])
        #expect(ELFSections.section(named: ".dep-v0", in: elf)?.count == 16)
        #expect(throws: RustAuditCataloguer.Failure.self) { try RustAuditCataloguer.parse(elf: elf) }
    }

    /// Go < 1.18: a version string header at the last 8 bytes of the address space has no room
    /// for the length that follows it; adding the pointer size wrapped and trapped.
    @Test func legacyBuildInfoPointerAtTheTopOfTheAddressSpace() {
        var file = GoLegacyBinaryTests.legacyBinary(is64: true, little: true)
        func put(_ value: UInt64, at offset: Int) {
            for i in 0..<8 { file[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }
        let base = UInt64.max - UInt64(file.count) + 1           // the segment ends at 2^64
        put(base, at: 64 + 16)                                   // p_vaddr
        put(UInt64.max - 7, at: 0x210)                           // -> the last 8 bytes
        var records: [PackageRecord]? = []
        var warning: String?
        let sink = BinarySink(cap: 1 << 20, maxModInfo: 1 << 20) { found, message in
            records = found
            warning = message
        }
        TestImage.write(file, to: sink, chunkSize: 64)
        #expect(records == nil)
        #expect(warning?.contains("pre-1.18") == true)
    }
}
