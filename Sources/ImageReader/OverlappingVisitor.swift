/// A visitor that can do part of its work on a thread of its own (see ``OrderedWorker``),
/// beside the reading thread, with the same results in the same order as without.
///
/// With overlap on, ``ArchiveReader`` calls ``startOverlap()`` before the first layer and
/// ``stopOverlap(finishing:)`` once reading ended, also when it failed. The visitor must have
/// finished a layer's work when its `endLayer` returns (the layer cache saves results then).
public protocol OverlappingVisitor: LayerVisitor {
    /// Start the visitor's own thread.
    func startOverlap()
    /// End it: with `finishing`, after its queued work (reading succeeded); otherwise dropping
    /// that work (reading failed). Returns once the thread has ended.
    func stopOverlap(finishing: Bool)
}
