/// Reads the section table of an ELF file held in memory (32/64-bit, either byte order) to
/// find one section's bytes by name. Every offset is checked against the buffer.
enum ELFSections {
    static let magic: [UInt8] = [0x7F, 0x45, 0x4C, 0x46]

    /// The contents of the section named `name`, or nil when there is none or the file is
    /// truncated or malformed.
    static func section(named name: String, in bytes: [UInt8]) -> ArraySlice<UInt8>? {
        guard bytes.count >= 52, Array(bytes[0..<4]) == magic else { return nil }
        let is64 = bytes[4] == 2
        let little = bytes[5] != 2
        // Offsets and sizes come from the file: compare them by subtraction from the buffer
        // size, never by adding two of them, so huge values cannot overflow.
        func fits(_ start: Int, _ count: Int) -> Bool {
            start >= 0 && count >= 0 && start <= bytes.count && count <= bytes.count - start
        }
        func read(_ at: Int, _ size: Int) -> Int? {
            guard fits(at, size) else { return nil }
            var value = 0
            for i in 0..<size {
                let byte = Int(bytes[little ? at + size - 1 - i : at + i])
                value = value << 8 | byte
            }
            return value
        }
        let word = is64 ? 8 : 4
        guard let tableOffset = read(is64 ? 0x28 : 0x20, word),
              let entrySize = read(is64 ? 0x3A : 0x2E, 2),
              let count = read(is64 ? 0x3C : 0x30, 2),
              let namesIndex = read(is64 ? 0x3E : 0x32, 2),
              count > 0, count < 0xFF00, namesIndex < count, entrySize >= (is64 ? 64 : 40),
              fits(tableOffset, 0) else { return nil }
        // A section header beyond the end of a truncated file reads as nil; the others stay usable.
        func header(_ index: Int) -> (name: Int, type: Int, offset: Int, size: Int)? {
            let at = tableOffset + index * entrySize
            guard let nameOffset = read(at, 4), let type = read(at + 4, 4),
                  let offset = read(at + (is64 ? 0x18 : 0x10), word),
                  let size = read(at + (is64 ? 0x20 : 0x14), word) else { return nil }
            return (nameOffset, type, offset, size)
        }
        guard let names = header(namesIndex), fits(names.offset, names.size) else { return nil }
        let wanted = Array(name.utf8)
        for index in 0..<count {
            guard let section = header(index), section.type != 8 /* SHT_NOBITS */ else { continue }
            // The name and its NUL terminator lie inside the string table.
            guard section.name >= 0, section.name < names.size, wanted.count < names.size - section.name else { continue }
            let nameStart = names.offset + section.name
            guard bytes[nameStart..<(nameStart + wanted.count)].elementsEqual(wanted),
                  bytes[nameStart + wanted.count] == 0 else { continue }
            guard fits(section.offset, section.size) else { return nil }
            return bytes[section.offset..<(section.offset + section.size)]
        }
        return nil
    }
}
