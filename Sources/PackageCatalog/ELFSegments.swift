/// Maps virtual addresses of an ELF file held in memory to its bytes through the `PT_LOAD`
/// program headers (32/64-bit, either byte order), for the pointer-based Go build info.
struct ELFSegments {
    private struct Segment { let offset: Int; let address: UInt64; let size: Int }
    private let bytes: [UInt8]
    private let segments: [Segment]
    let isLittleEndian: Bool

    /// Nil when `bytes` is not ELF or its program headers are out of bounds.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 52, bytes.prefix(4).elementsEqual(ELFSections.magic) else { return nil }
        let is64 = bytes[4] == 2
        let little = bytes[5] != 2
        func read(_ at: Int, _ size: Int) -> UInt64? {
            guard at >= 0, at + size <= bytes.count else { return nil }
            var value: UInt64 = 0
            for i in 0..<size { value = value << 8 | UInt64(bytes[little ? at + size - 1 - i : at + i]) }
            return value
        }
        let word = is64 ? 8 : 4
        guard let tableOffset = read(is64 ? 0x20 : 0x1C, word), let entrySize = read(is64 ? 0x36 : 0x2A, 2),
              let count = read(is64 ? 0x38 : 0x2C, 2), tableOffset < UInt64(bytes.count), entrySize >= (is64 ? 56 : 32) else { return nil }
        var segments: [Segment] = []
        for index in 0..<Int(count) {
            let at = Int(tableOffset) + index * Int(entrySize)
            guard let type = read(at, 4), type == 1 /* PT_LOAD */,
                  let offset = read(at + (is64 ? 8 : 4), word), let address = read(at + (is64 ? 16 : 8), word),
                  let size = read(at + (is64 ? 32 : 16), word),
                  offset <= UInt64(bytes.count), size <= UInt64(bytes.count) else { continue }
            segments.append(Segment(offset: Int(offset), address: address, size: Int(size)))
        }
        self.bytes = bytes
        self.segments = segments
        self.isLittleEndian = little
    }

    /// `count` bytes at virtual address `address`, or nil when no loaded segment holds them.
    func read(address: UInt64, count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0 else { return nil }
        for segment in segments where address >= segment.address && address - segment.address < UInt64(segment.size) {
            let start = segment.offset + Int(address - segment.address)
            guard Int(address - segment.address) + count <= segment.size, start + count <= bytes.count else { return nil }
            return bytes[start..<(start + count)]
        }
        return nil
    }

    /// A pointer-sized unsigned value at `address`.
    func pointer(at address: UInt64, size: Int, littleEndian: Bool) -> UInt64? {
        guard let slice = read(address: address, count: size) else { return nil }
        return Self.decode(slice, littleEndian: littleEndian)
    }

    static func decode(_ slice: ArraySlice<UInt8>, littleEndian: Bool) -> UInt64 {
        let ordered = littleEndian ? Array(slice.reversed()) : Array(slice)
        return ordered.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
