import Foundation
import SpoolscanCore

/// A bounded hand-over of byte chunks from one producer thread to one consumer: at most
/// `depth` chunks are in flight (copied into buffers reused from chunk to chunk), so memory
/// stays bounded whatever the stream's size. The producer is told to stop by ``cancel()``.
final class ChunkChannel: @unchecked Sendable {
    /// A chunk's copy.
    final class Buffer {
        var storage: UnsafeMutableRawBufferPointer
        var count = 0
        init(capacity: Int) { storage = .allocate(byteCount: max(capacity, 1), alignment: 16) }
        deinit { storage.deallocate() }

        func fill(from chunk: UnsafeRawBufferPointer) {
            if chunk.count > storage.count {
                storage.deallocate()
                storage = .allocate(byteCount: chunk.count, alignment: 16)
            }
            UnsafeMutableRawBufferPointer(rebasing: storage[0..<chunk.count]).copyMemory(from: chunk)
            count = chunk.count
        }
    }

    enum Item {
        case chunk(Buffer)
        case end
        case failure(SpoolscanError)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var free: [Buffer] = []
    private var allocated = 0
    private let depth: Int
    private var cancelled = false
    /// True once the producer has stopped touching its upstream for good.
    private var finished = false

    init(depth: Int) { self.depth = max(1, depth) }

    /// The producer's loop: pulls `upstream` until its end, an error, or ``cancel()``.
    func produce(from upstream: ByteStream) {
        while true {
            let outcome: Item
            do {
                let chunk = try upstream.nextChunk()
                if chunk.isEmpty {
                    outcome = .end
                } else {
                    guard let buffer = takeFreeBuffer(capacity: chunk.count) else { return finish(with: nil) }
                    buffer.fill(from: chunk)
                    outcome = .chunk(buffer)
                }
            } catch {
                outcome = .failure(error)
            }
            if case .chunk = outcome {
                condition.lock()
                items.append(outcome)
                condition.broadcast()
                condition.unlock()
            } else {
                return finish(with: outcome)
            }
        }
    }

    /// The next item, waiting for the producer. After `.end` or `.failure`, `.end` again.
    func take() -> Item {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        if items.isEmpty { return .end }
        let item = items.removeFirst()
        if case .failure = item { items = [] }
        return item
    }

    /// Gives a buffer handed out by ``take()`` back for the next chunk.
    func recycle(_ buffer: Buffer) {
        condition.lock()
        free.append(buffer)
        condition.broadcast()
        condition.unlock()
    }

    /// Tells the producer to stop and waits until it no longer touches its upstream.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }

    private func takeFreeBuffer(capacity: Int) -> Buffer? {
        condition.lock()
        defer { condition.unlock() }
        while free.isEmpty && allocated >= depth && !cancelled { condition.wait() }
        if cancelled { return nil }
        if let buffer = free.popLast() { return buffer }
        allocated += 1
        return Buffer(capacity: capacity)
    }

    private func finish(with item: Item?) {
        condition.lock()
        if let item, !cancelled { items.append(item) }
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
