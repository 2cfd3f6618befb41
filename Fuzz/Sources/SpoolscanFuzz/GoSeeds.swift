import TestSupport

/// ELF inputs with Go build information, built as the package tests build them.
enum GoSeeds {
    static let modInfo = "path\texample.com/tool/cmd/tool\nmod\texample.com/tool\tv1.4.0\th1:abc=\n"
        + "dep\tgithub.com/pkg/errors\tv0.9.1\th1:def=\ndep\tgolang.org/x/sys\tv0.1.0\th1:ghi=\n"
        + "=>\tgolang.org/x/sys\tv0.15.0\th1:jkl=\nbuild\t-compiler=gc\n"

    /// An ELF-looking file with an inline (Go ≥ 1.18) header at a 16-byte aligned offset.
    static func inlineBinary() -> [UInt8] {
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 57)
        bytes += [UInt8](repeating: 0x90, count: 512 - bytes.count)
        bytes += GoBinaries.inlineHeader(version: "go1.21.5", modInfo: modInfo)
        return bytes + [UInt8](repeating: 0xCC, count: 64)
    }

    static func legacyBinary(is64: Bool, little: Bool) -> [UInt8] { GoBinaries.legacy(is64: is64, little: little) }
}
