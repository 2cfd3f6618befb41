import PackageCatalog

/// ELF inputs with Go build information, laid out as the package tests build them: the
/// inline header of Go ≥ 1.18 and the pointer-based header of Go 1.13–1.17.
enum GoSeeds {
    static let modInfo = "path\texample.com/tool/cmd/tool\nmod\texample.com/tool\tv1.4.0\th1:abc=\n"
        + "dep\tgithub.com/pkg/errors\tv0.9.1\th1:def=\ndep\tgolang.org/x/sys\tv0.1.0\th1:ghi=\n"
        + "=>\tgolang.org/x/sys\tv0.15.0\th1:jkl=\nbuild\t-compiler=gc\n"

    static func elf(inline: Bool) -> [UInt8] { inline ? inlineBinary() : legacyBinary(is64: true, little: true) }

    static func inlineBinary() -> [UInt8] {
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 57)
        bytes += [UInt8](repeating: 0x90, count: 512 - bytes.count)
        let sentinel = [UInt8](repeating: 0x30, count: 16)
        let mod = sentinel + Array(modInfo.utf8) + sentinel
        let version = Array("go1.21.5".utf8)
        bytes += GoBuildInfo.magic + [8, 2] + [UInt8](repeating: 0, count: 16)
        bytes += [UInt8(version.count)] + version
        bytes += [UInt8(mod.count & 0x7F | 0x80), UInt8(mod.count >> 7)] + mod
        bytes += [UInt8](repeating: 0xCC, count: 64)
        return bytes
    }

    static func legacyBinary(is64: Bool, little: Bool) -> [UInt8] {
        let word = is64 ? 8 : 4
        let base: UInt64 = 0x400000
        var file = [UInt8](repeating: 0, count: 0x600)
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
        put(is64 ? 64 : 52, at: is64 ? 0x20 : 0x1C, size: word)
        put(is64 ? 56 : 32, at: is64 ? 0x36 : 0x2A, size: 2)
        put(1, at: is64 ? 0x38 : 0x2C, size: 2)
        let ph = is64 ? 64 : 52
        put(1, at: ph, size: 4)
        put(0, at: ph + (is64 ? 8 : 4), size: word)
        put(base, at: ph + (is64 ? 16 : 8), size: word)
        put(UInt64(file.count), at: ph + (is64 ? 32 : 16), size: word)
        let version = Array("go1.16.15".utf8)
        let sentinel = [UInt8](repeating: 0x31, count: 16)
        let mod = sentinel + Array("path\tex.com/old\nmod\tex.com/old\tv0.3.0\th1:x=\n".utf8) + sentinel
        file.replaceSubrange(0x200..<0x20E, with: GoBuildInfo.magic)
        file[0x20E] = UInt8(word)
        file[0x20F] = little ? 0 : 1
        put(base + 0x300, at: 0x210, size: word)
        put(base + 0x320, at: 0x210 + word, size: word)
        put(base + 0x340, at: 0x300, size: word); put(UInt64(version.count), at: 0x300 + word, size: word)
        put(base + 0x380, at: 0x320, size: word); put(UInt64(mod.count), at: 0x320 + word, size: word)
        file.replaceSubrange(0x340..<(0x340 + version.count), with: version)
        file.replaceSubrange(0x380..<(0x380 + mod.count), with: mod)
        return file
    }
}
