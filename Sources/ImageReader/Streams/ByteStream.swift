import SpoolscanCore

/// A pull-based source of bytes: each stage of the reading pipeline (file, outer tar entry,
/// decompressor, layer tar) pulls its input from the stage below it on the same thread.
protocol ByteStream: AnyObject {
    /// The next chunk of bytes, valid until the next call; an empty buffer means the end.
    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer
}

extension ByteStream {
    /// Reads and discards everything left, so hashing stages see every byte.
    func drain() throws(SpoolscanError) {
        while try nextChunk().count > 0 {}
    }

    /// Reads everything left into memory, failing with `tooLarge` beyond `cap` bytes.
    func readAll(cap: Int, tooLarge: @autoclosure () -> SpoolscanError) throws(SpoolscanError) -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try nextChunk()
            if chunk.isEmpty { return bytes }
            if bytes.count + chunk.count > cap { throw tooLarge() }
            bytes.append(contentsOf: chunk)
        }
    }
}

/// A byte stream over bytes already in memory, handed out in chunks of at most 1 MiB.
final class MemoryByteStream: ByteStream {
    private let storage: UnsafeMutableRawBufferPointer
    private var position = 0
    private static let chunkSize = 1 << 20

    init(_ bytes: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        bytes.withUnsafeBytes { source in
            if !source.isEmpty { buffer.copyMemory(from: source) }
        }
        storage = buffer
        count = bytes.count
    }

    private let count: Int

    deinit { storage.deallocate() }

    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer {
        let length = min(Self.chunkSize, count - position)
        guard length > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let chunk = UnsafeRawBufferPointer(rebasing: storage[position..<(position + length)])
        position += length
        return chunk
    }
}
