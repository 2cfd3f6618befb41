import ImageReader

/// Reads an executable as it streams: drops it after the first bytes unless it is ELF, scans
/// every chunk for Go build information (without keeping the binary), and buffers the file up
/// to a cap so the section table at its end can be searched for cargo-auditable `.dep-v0` data.
/// A Go binary stops the buffering as soon as its build information is found, unless it is
/// the pointer-based format of Go < 1.18, which needs the whole file to follow the pointers.
final class BinarySink: FileSink {
    /// What the binary held: packages (nil when none) and a warning.
    typealias Completion = (_ records: [PackageRecord]?, _ warning: String?) -> Void

    private let cap: Int
    private let onFinish: Completion
    private let goScanner: GoBuildInfoScanner
    private let maxModInfo: Int
    private var head: [UInt8] = []
    private var isELF = false
    private var buffer: [UInt8] = []
    private var buffering = true
    private var tooLarge = false
    private var expectedSize: Int64 = 0
    /// Rust's standard library paths (`/rustc/<commit>/library/…`) mark a Rust binary.
    private let rustMarker = StreamSearch(Array("/rustc/".utf8))

    /// `expectedSize` (the tar header's size, 0 when unknown) sizes the buffer, and a file
    /// known to exceed `cap` is only scanned, never buffered.
    init(cap: Int, maxModInfo: Int, expectedSize: Int64 = 0, onFinish: @escaping Completion) {
        self.cap = cap
        self.onFinish = onFinish
        self.goScanner = GoBuildInfoScanner(maxModInfo: maxModInfo)
        self.maxModInfo = maxModInfo
        self.expectedSize = expectedSize
        if expectedSize > Int64(cap) {
            buffering = false
            tooLarge = true
        }
    }

    func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if isELF { return consume(chunk) }
        if head.isEmpty, chunk.count >= 4 {
            guard chunk.prefix(4).elementsEqual(ELFSections.magic) else { return false }
            isELF = true
            return consume(chunk)
        }
        // A first chunk shorter than the magic: keep the bytes until four have arrived.
        head.append(contentsOf: chunk)
        if head.count < 4 { return true }
        guard head.prefix(4).elementsEqual(ELFSections.magic) else { return false }
        isELF = true
        let first = head
        head = []
        return first.withUnsafeBytes { consume($0) }
    }

    private func consume(_ chunk: UnsafeRawBufferPointer) -> Bool {
        goScanner.feed(chunk)
        if goScanner.info != nil {
            buffering = false
            buffer = []
            return false
        }
        if tooLarge { rustMarker.feed(chunk) }
        if buffering {
            if buffer.count + chunk.count > cap {
                buffering = false
                tooLarge = true
                buffer.withUnsafeBytes { rustMarker.feed($0) }
                rustMarker.feed(chunk)
                buffer = []
            } else {
                if buffer.isEmpty, expectedSize > 0 { buffer.reserveCapacity(Int(expectedSize)) }
                buffer.append(contentsOf: chunk)
            }
        }
        // A pre-1.18 Go binary too large to buffer cannot be resolved: stop reading it.
        return !(goScanner.isLegacy && !buffering)
    }

    func finish(complete: Bool) {
        guard isELF else { return onFinish(nil, nil) }
        if let info = goScanner.info { return onFinish(info.records(), nil) }
        if goScanner.isLegacy {
            if complete, !tooLarge, let offset = goScanner.legacyHeaderOffset,
               let info = GoLegacyBuildInfo.parse(elf: buffer, headerOffset: offset, maxModInfo: maxModInfo) {
                return onFinish(info.records(), nil)
            }
            return onFinish(nil, "Go binary with pre-1.18 build information that could not be read"
                            + (tooLarge ? " (larger than \(cap) bytes)" : ""))
        }
        guard complete, !tooLarge else {
            // Only a Rust binary can carry the data; stay quiet about other large executables.
            return onFinish(nil, tooLarge && rustMarker.found
                            ? "Rust binary larger than \(cap) bytes not checked for cargo-auditable data" : nil)
        }
        do {
            onFinish(try RustAuditCataloguer.parse(elf: buffer), nil)
        } catch {
            onFinish(nil, error.description)
        }
    }
}
