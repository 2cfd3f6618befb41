import SpoolscanCore

/// Lets a reader look at the first bytes of a stream (magic numbers, a leading `{`) before
/// deciding how to read it; the peeked bytes are then delivered again as the first chunk.
final class PeekableByteStream: ByteStream {
    private let upstream: ByteStream
    private var prefix: UnsafeMutableRawBufferPointer?
    private var prefixCount = 0
    private var prefixDelivered = false
    private var upstreamEnded = false

    init(_ upstream: ByteStream) { self.upstream = upstream }

    deinit { prefix?.deallocate() }

    /// Up to `count` leading bytes (fewer when the stream is shorter). Call before `nextChunk`.
    func peek(_ count: Int) throws(SpoolscanError) -> [UInt8] {
        precondition(!prefixDelivered, "peek after reading began")
        while prefixCount < count && !upstreamEnded {
            let chunk = try upstream.nextChunk()
            if chunk.isEmpty { upstreamEnded = true; break }
            append(chunk)
        }
        guard let prefix else { return [] }
        return Array(UnsafeRawBufferPointer(rebasing: prefix[0..<min(count, prefixCount)]))
    }

    private func append(_ chunk: UnsafeRawBufferPointer) {
        let needed = prefixCount + chunk.count
        if prefix == nil || prefix!.count < needed {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: max(needed, 4096), alignment: 16)
            if let old = prefix {
                grown.copyMemory(from: UnsafeRawBufferPointer(rebasing: old[0..<prefixCount]))
                old.deallocate()
            }
            prefix = grown
        }
        UnsafeMutableRawBufferPointer(rebasing: prefix![prefixCount..<needed]).copyMemory(from: chunk)
        prefixCount = needed
    }

    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer {
        if !prefixDelivered {
            prefixDelivered = true
            if let prefix, prefixCount > 0 { return UnsafeRawBufferPointer(rebasing: prefix[0..<prefixCount]) }
        }
        if upstreamEnded { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return try upstream.nextChunk()
    }
}
