/// Receives each layer's regular files as the reader streams them, so cataloguers and
/// detectors work in the same single pass without the image ever touching the disk.
///
/// The reader calls a visitor from one thread, in stream order: `beginLayer`, then
/// `visitFile` for every regular file of that layer (feeding the returned sink before the next
/// file), then `endLayer`. Layers arrive in archive order, which need not be image order.
public protocol LayerVisitor: AnyObject {
    /// A layer stream begins.
    func beginLayer(_ layer: LayerStreamID)
    /// A regular file begins. Return a sink for its bytes, or nil to skip them.
    func visitFile(_ entry: LayerEntry, layer: LayerStreamID) -> FileSink?
    /// The layer stream ended (all of it was read and its digests computed).
    func endLayer(_ layer: LayerStreamID)
}

extension LayerVisitor {
    public func beginLayer(_ layer: LayerStreamID) {}
    public func endLayer(_ layer: LayerStreamID) {}
}

/// Takes one file's bytes in chunks (at most 1 MiB each).
public protocol FileSink: AnyObject {
    /// Next chunk. Return false when no more bytes are wanted; the reader then skips the rest
    /// of the file for this sink (and still calls `finish`).
    func write(_ chunk: UnsafeRawBufferPointer) -> Bool
    /// The file ended (or the sink stopped early). `complete` is true when the sink saw every byte.
    func finish(complete: Bool)
}

/// A sink that keeps a file's bytes in memory, up to a cap (for small metadata files).
public final class CapturingSink: FileSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var truncated = false
    private let cap: Int
    private let onFinish: ([UInt8], Bool) -> Void

    /// `onFinish` receives the bytes and whether they are the whole file.
    public init(cap: Int, expectedSize: Int64 = 0, onFinish: @escaping ([UInt8], Bool) -> Void) {
        self.cap = cap
        self.onFinish = onFinish
        if expectedSize > 0 { bytes.reserveCapacity(Int(min(expectedSize, Int64(cap)))) }
    }

    public func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if bytes.count + chunk.count > cap {
            truncated = true
            return false
        }
        bytes.append(contentsOf: chunk)
        return true
    }

    public func finish(complete: Bool) { onFinish(bytes, complete && !truncated) }
}
