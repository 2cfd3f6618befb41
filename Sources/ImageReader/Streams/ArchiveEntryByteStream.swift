#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpoolscanCore

/// The data of the current entry of an outer tar, as a byte stream. Holes of sparse entries
/// are delivered as zeros so the stream always carries the entry's logical content.
final class ArchiveEntryByteStream: ByteStream {
    private let reader: LibarchiveReader
    private lazy var zeros = ZeroBuffer()
    private var position: Int64 = 0
    private var holeRemaining: Int64 = 0
    private var pending: UnsafeRawBufferPointer?
    private var ended = false

    init(reader: LibarchiveReader) { self.reader = reader }

    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer {
        while true {
            if holeRemaining > 0 {
                let count = Int(min(holeRemaining, Int64(ZeroBuffer.size)))
                holeRemaining -= Int64(count)
                position += Int64(count)
                return zeros.prefix(count)
            }
            if let block = pending {
                pending = nil
                position += Int64(block.count)
                return block
            }
            if ended { return UnsafeRawBufferPointer(start: nil, count: 0) }
            guard let (bytes, offset) = try reader.nextBlock() else {
                ended = true
                continue
            }
            if offset > position { holeRemaining = offset - position }
            if !bytes.isEmpty { pending = bytes }
        }
    }
}

/// A 64 KiB zero-filled buffer, for the holes of sparse files.
final class ZeroBuffer {
    static let size = 64 << 10
    private let buffer: UnsafeMutableRawBufferPointer

    init() {
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.size, alignment: 16)
        memset(buffer.baseAddress!, 0, Self.size)
    }

    deinit { buffer.deallocate() }

    /// The first `count` (≤ 64 KiB) zero bytes.
    func prefix(_ count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: buffer[0..<min(count, Self.size)])
    }
}
