/// Builds POSIX ustar archives in memory (regular files only), for the image targets' fixed
/// parts and their seeds.
struct TarBuilder {
    private(set) var bytes: [UInt8] = []

    mutating func file(_ path: String, _ content: [UInt8], mode: Int = 0o644) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (i, byte) in text.utf8.prefix(width).enumerated() { header[offset + i] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        put(path, at: 0, width: 100)
        octal(mode, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(content.count, at: 124, width: 12)
        octal(1_700_000_000, at: 136, width: 12)
        put("        ", at: 148, width: 8)
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let sum = header.reduce(0) { $0 + Int($1) }
        octal(sum, at: 148, width: 7)
        header[155] = 0x20
        bytes += header
        bytes += content
        bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    mutating func file(_ path: String, _ text: String, mode: Int = 0o644) { file(path, Array(text.utf8), mode: mode) }

    /// The archive with its two zero end blocks.
    var archive: [UInt8] { bytes + [UInt8](repeating: 0, count: 1024) }
}
