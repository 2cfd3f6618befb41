import SpoolscanCore

/// Feeds one regular file's bytes from the layer tar to every sink that asked for them,
/// in chunks of at most 1 MiB, until each sink has had enough.
struct FileFeeder {
    static let maxChunk = 1 << 20

    let tar: LibarchiveReader
    let budget: ReadBudget
    let label: String

    /// Feeds `entry`'s data to `sinks` and calls `finish(complete:)` on each, also when reading fails.
    func feed(_ entry: LayerEntry, to sinks: [FileSink]) throws(SpoolscanError) {
        var live = sinks.map { _ in true }
        var reachedEnd = false
        defer {
            for (index, sink) in sinks.enumerated() { sink.finish(complete: live[index] && reachedEnd) }
        }
        var zeros: ZeroBuffer?
        var position: Int64 = 0
        while live.contains(true) {
            guard let (bytes, offset) = try tar.nextBlock() else {
                // A sparse file may end in a hole.
                try feedZeros(count: entry.size - position, to: sinks, live: &live, zeros: &zeros)
                reachedEnd = true
                break
            }
            if offset > position {
                try feedZeros(count: offset - position, to: sinks, live: &live, zeros: &zeros)
                position = offset
            }
            var start = 0
            while start < bytes.count && live.contains(true) {
                let end = min(bytes.count, start + Self.maxChunk)
                write(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), to: sinks, live: &live)
                start = end
            }
            position += Int64(bytes.count)
        }
    }

    private func feedZeros(count: Int64, to sinks: [FileSink], live: inout [Bool], zeros: inout ZeroBuffer?) throws(SpoolscanError) {
        guard count > 0 else { return }
        let zeroBuffer = zeros ?? ZeroBuffer()
        zeros = zeroBuffer
        var remaining = count
        while remaining > 0 && live.contains(true) {
            let length = Int(min(remaining, Int64(ZeroBuffer.size)))
            try budget.charge(Int64(length), label: label)
            write(zeroBuffer.prefix(length), to: sinks, live: &live)
            remaining -= Int64(length)
        }
    }

    private func write(_ chunk: UnsafeRawBufferPointer, to sinks: [FileSink], live: inout [Bool]) {
        for (index, sink) in sinks.enumerated() where live[index] {
            if !sink.write(chunk) { live[index] = false }
        }
    }
}
