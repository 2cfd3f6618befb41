/// The pointer-based build information of Go 1.13–1.17 binaries: after the 16-byte magic
/// and flags, two pointers to Go string headers (data pointer, length) for the version and the
/// module text, which live elsewhere in the loaded image. Needs the whole ELF file.
enum GoLegacyBuildInfo {
    /// Parses the header at file offset `headerOffset` of `elf`; nil when a pointer leads
    /// outside the loaded segments or the strings are implausible.
    static func parse(elf: [UInt8], headerOffset: Int, maxModInfo: Int) -> GoBuildInfo? {
        guard headerOffset >= 0, headerOffset + 32 <= elf.count, let segments = ELFSegments(elf) else { return nil }
        let pointerSize = Int(elf[headerOffset + 14])
        guard pointerSize == 4 || pointerSize == 8 else { return nil }
        let little = elf[headerOffset + 15] & 0x1 == 0
        let header = elf[(headerOffset + 16)..<(headerOffset + 16 + 2 * pointerSize)]
        let versionAddress = ELFSegments.decode(header.prefix(pointerSize), littleEndian: little)
        let modAddress = ELFSegments.decode(header.suffix(pointerSize), littleEndian: little)
        func string(at address: UInt64, limit: Int) -> [UInt8]? {
            // A string header at the very top of the address space has no room for its length.
            let (lengthAddress, wrapped) = address.addingReportingOverflow(UInt64(pointerSize))
            guard !wrapped, let data = segments.pointer(at: address, size: pointerSize, littleEndian: little),
                  let length = segments.pointer(at: lengthAddress, size: pointerSize, littleEndian: little),
                  length <= UInt64(limit) else { return nil }
            return segments.read(address: data, count: Int(length)).map(Array.init)
        }
        guard let version = string(at: versionAddress, limit: 128).map({ String(decoding: $0, as: UTF8.self) }),
              version.hasPrefix("go") || version.hasPrefix("devel") else { return nil }
        let modInfo = string(at: modAddress, limit: maxModInfo) ?? []
        return GoBuildInfo(goVersion: version, modInfo: modInfo)
    }
}
