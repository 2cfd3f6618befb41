/// How layers are read beyond the visitors: with a cache (see ``LayerCaching``), and whether
/// a layer's reading, hashing and decompressing run on a thread of their own, overlapping the
/// tar parsing and the visitors (see ``PrefetchingByteStream``).
struct LayerPipeline {
    var caching: LayerCaching?
    var overlap: Bool
    /// DiffIDs promised for layer paths that promise no digest themselves (legacy `docker save`),
    /// to look them up in the cache before reading them.
    var promisedDiffIDs: [String: String] = [:]

    static var plain: LayerPipeline { LayerPipeline(caching: nil, overlap: false) }
}
