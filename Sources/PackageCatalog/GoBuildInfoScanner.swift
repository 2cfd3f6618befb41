/// Finds and parses a Go binary's build information while its bytes stream past, holding
/// only the section itself (never the binary). The header is 16-byte aligned in the file, so
/// only aligned offsets are compared with the magic.
final class GoBuildInfoScanner {
    /// The parsed build information once found.
    private(set) var info: GoBuildInfo?
    /// True when the header is the pointer-based format of Go < 1.18 (parsed from the whole
    /// file by ``GoLegacyBuildInfo``).
    private(set) var isLegacy = false
    /// The file offset of the legacy header.
    private(set) var legacyHeaderOffset: Int?
    private let maxModInfo: Int
    /// Absolute offset of the next byte to arrive.
    private var offset = 0
    /// The bytes from the last aligned offset when fewer than 14 were left in a chunk.
    private var carry: [UInt8] = []
    /// The bytes from a matched magic onwards, while the header is incomplete.
    private var candidate: [UInt8]?

    init(maxModInfo: Int = 4 << 20) { self.maxModInfo = maxModInfo }

    /// True once the build information was found (or recognised as legacy).
    var isDone: Bool { info != nil || isLegacy }

    /// Feeds the next bytes of the file.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard !isDone, chunk.count > 0 else { return }
        let chunkStart = offset
        offset += chunk.count
        if candidate != nil {
            candidate!.append(contentsOf: chunk)
            evaluate()
            return
        }
        var index = (16 - chunkStart % 16) % 16
        if !carry.isEmpty {
            let take = min(14 - carry.count, chunk.count)
            let window = carry + chunk[0..<take]
            carry = []
            if window.count < 14 {
                carry = window
                return
            }
            if window == GoBuildInfo.magic {
                candidate = window + chunk[take...]
                evaluate()
                return
            }
        }
        let magic = GoBuildInfo.magic
        while index + 14 <= chunk.count {
            if chunk[index] == 0xFF, chunk[index + 1] == 0x20, chunk[index + 2] == 0x47,
               (3..<14).allSatisfy({ chunk[index + $0] == magic[$0] }) {
                candidate = Array(chunk[index...])
                evaluate()
                return
            }
            index += 16
        }
        if index < chunk.count { carry = Array(chunk[index...]) }
    }

    private func evaluate() {
        guard let bytes = candidate else { return }
        switch GoBuildInfo.parseHeader(bytes[...], maxModInfo: maxModInfo) {
        case .needMore:
            return
        case .done(let parsed):
            info = parsed
            candidate = nil
        case .legacy:
            isLegacy = true
            legacyHeaderOffset = offset - bytes.count
            candidate = nil
        case .invalid:
            // The magic appeared as data: look again from the next aligned offset.
            candidate = nil
            let restart = offset - bytes.count + 16
            guard bytes.count > 16 else { offset = restart; return }
            offset = restart
            bytes[16...].withUnsafeBytes { feed($0) }
        }
    }
}
