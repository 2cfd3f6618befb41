/// One layer's analysis as a cache keeps it: the layer's identity, its entries (for the final
/// filesystem view) and each visitor's saved results, in the order of the visitors.
public struct CachedLayerAnalysis: Sendable, Equatable {
    /// `sha256:` of the uncompressed tar.
    public var diffID: String
    /// `sha256:` of the stored blob the analysis was made from (equals `diffID` when uncompressed).
    public var blobDigest: String
    public var compression: Compression
    /// The layer's entries in tar order, whiteouts included.
    public var entries: [LayerEntry]
    /// One saved result per visitor, in the order the reader was given the visitors.
    public var results: [[UInt8]]

    public init(diffID: String, blobDigest: String, compression: Compression, entries: [LayerEntry], results: [[UInt8]]) {
        self.diffID = diffID; self.blobDigest = blobDigest; self.compression = compression
        self.entries = entries; self.results = results
    }
}

/// Where ``ArchiveReader`` looks up and keeps layer analyses. One instance serves one set of
/// visitors (the implementation keys its entries by their rules and options as well).
///
/// Implementations never throw: a cache that fails is a cache that misses. They record what
/// went wrong for the report in their own way.
public protocol LayerAnalysisCache: AnyObject {
    /// The analysis of the blob whose stored bytes hash to `blobDigest`, if one is kept.
    func analysis(forBlob blobDigest: String) -> CachedLayerAnalysis?
    /// Keeps `analysis` (made from bytes just read and hashed by the reader).
    func keep(_ analysis: CachedLayerAnalysis)
    /// Drops `analysis`, which a visitor could not restore (a damaged or foreign entry).
    func reject(_ analysis: CachedLayerAnalysis)
}
