/// Executables carrying Go build information, laid out per the ELF and Go formats: the
/// inline header of Go ≥ 1.18 and the pointer-based header of Go 1.13–1.17. For the package
/// tests and the fuzz seeds.
public enum GoBinaries {
    /// `\xff Go buildinf:`, the 14-byte magic at the start of the build-info header.
    public static let magic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

    /// The inline (Go ≥ 1.18) header: magic, pointer size 8, flags 2, padding to 32 bytes, then
    /// the version and the module text (between 16-byte sentinels) as varint-prefixed strings.
    public static func inlineHeader(version: String, modInfo: String) -> [UInt8] {
        let sentinel = [UInt8](repeating: 0x30, count: 16)
        let mod = sentinel + Array(modInfo.utf8) + sentinel
        let versionBytes = Array(version.utf8)
        var bytes = magic + [8, 2] + [UInt8](repeating: 0, count: 16)
        bytes += [UInt8(versionBytes.count)] + versionBytes
        bytes += [UInt8(mod.count & 0x7F | 0x80), UInt8(mod.count >> 7)] + mod
        return bytes
    }

    /// A minimal ELF file (one `PT_LOAD` segment mapping the whole file at 0x400000) holding a
    /// pointer-based build-info header at 0x200 for Go 1.16.15 and a module `ex.com/old`.
    public static func legacy(is64: Bool, little: Bool) -> [UInt8] {
        let word = is64 ? 8 : 4
        let base: UInt64 = 0x400000
        var file = [UInt8](repeating: 0, count: 0x800)
        func put(_ value: UInt64, at offset: Int, size: Int) {
            for i in 0..<size {
                let shift = UInt64(little ? i : size - 1 - i) * 8
                file[offset + i] = UInt8(truncatingIfNeeded: value >> shift)
            }
        }
        file.replaceSubrange(0..<4, with: [0x7F, 0x45, 0x4C, 0x46])
        file[4] = is64 ? 2 : 1
        file[5] = little ? 1 : 2
        file[6] = 1
        put(is64 ? 64 : 52, at: is64 ? 0x20 : 0x1C, size: word)   // e_phoff
        put(is64 ? 56 : 32, at: is64 ? 0x36 : 0x2A, size: 2)       // e_phentsize
        put(1, at: is64 ? 0x38 : 0x2C, size: 2)                    // e_phnum
        let ph = is64 ? 64 : 52
        put(1, at: ph, size: 4)                                    // PT_LOAD
        put(0, at: ph + (is64 ? 8 : 4), size: word)                // p_offset
        put(base, at: ph + (is64 ? 16 : 8), size: word)            // p_vaddr
        put(UInt64(file.count), at: ph + (is64 ? 32 : 16), size: word)  // p_filesz
        let version = Array("go1.16.15".utf8)
        let sentinel = [UInt8](repeating: 0x31, count: 16)
        let mod = sentinel + Array("path\tex.com/old\nmod\tex.com/old\tv0.3.0\th1:x=\ndep\tgithub.com/pkg/errors\tv0.8.1\th1:y=\n".utf8) + sentinel
        file.replaceSubrange(0x200..<0x20E, with: magic)
        file[0x20E] = UInt8(word)
        file[0x20F] = little ? 0 : 1
        put(base + 0x300, at: 0x210, size: word)                   // -> version string header
        put(base + 0x320, at: 0x210 + word, size: word)            // -> module string header
        put(base + 0x340, at: 0x300, size: word); put(UInt64(version.count), at: 0x300 + word, size: word)
        put(base + 0x380, at: 0x320, size: word); put(UInt64(mod.count), at: 0x320 + word, size: word)
        file.replaceSubrange(0x340..<(0x340 + version.count), with: version)
        file.replaceSubrange(0x380..<(0x380 + mod.count), with: mod)
        return file
    }
}
