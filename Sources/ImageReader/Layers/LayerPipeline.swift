/// How layers are read beyond the visitors: with a cache (see ``LayerCaching``), and whether
/// a layer's reading, hashing and decompressing run on a thread of their own, overlapping the
/// tar parsing and the visitors (see ``PrefetchingByteStream``).
struct LayerPipeline {
    var caching: LayerCaching?
    var overlap: Bool

    static var plain: LayerPipeline { LayerPipeline(caching: nil, overlap: false) }
}
