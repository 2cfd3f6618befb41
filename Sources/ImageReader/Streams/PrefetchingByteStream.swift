import Foundation
import SpoolscanCore

/// Runs the stages below it (reading, hashing, decompressing) on a thread of their own, a few
/// chunks ahead of the stage above, so the two overlap on two cores. Memory stays bounded by
/// `depth` chunks.
///
/// The stages below belong to the producer thread until the stream has ended, failed, or been
/// ``stop()``ped; only then may the owner touch them again (finish their digests). Deinit stops
/// the producer too, so an error above never leaves it running.
final class PrefetchingByteStream: ByteStream {
    private let channel: ChunkChannel
    private var current: ChunkChannel.Buffer?
    private var stopped = false

    init(_ upstream: ByteStream, depth: Int = 4, name: String = "spoolscan-read") {
        let channel = ChunkChannel(depth: depth)
        self.channel = channel
        let handOver = UpstreamHandOver(upstream)
        let thread = Thread { channel.produce(from: handOver.stream) }
        thread.name = name
        thread.start()
    }

    deinit { stop() }

    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer {
        if let current {
            channel.recycle(current)
            self.current = nil
        }
        switch channel.take() {
        case .chunk(let buffer):
            current = buffer
            return UnsafeRawBufferPointer(rebasing: buffer.storage[0..<buffer.count])
        case .end:
            return UnsafeRawBufferPointer(start: nil, count: 0)
        case .failure(let error):
            throw error
        }
    }

    /// Stops the producer (at once if it is still running) and waits for it to let go of the
    /// stages below.
    func stop() {
        guard !stopped else { return }
        stopped = true
        channel.cancel()
    }
}

/// Moves the stages below to the producer thread; the owner does not use them meanwhile.
private final class UpstreamHandOver: @unchecked Sendable {
    let stream: ByteStream
    init(_ stream: ByteStream) { self.stream = stream }
}
