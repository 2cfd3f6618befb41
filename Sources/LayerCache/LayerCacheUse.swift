/// How one scan used the layer cache.
public struct LayerCacheUse: Sendable, Equatable {
    /// Layers whose analysis came from the cache (hashed, not read).
    public var hits: Int
    /// Layers read in full whose analysis was written to the cache.
    public var writes: Int

    public init(hits: Int, writes: Int) { self.hits = hits; self.writes = writes }
}
