/// What `spoolscan cache info` shows about a cache file.
public struct LayerCacheInfo: Sendable, Equatable, Codable {
    public var path: String
    /// Stored layer analyses (one per diffID and analyser key).
    public var analyses: Int
    /// Bytes of the stored analyses (what ``maxBytes`` bounds).
    public var analysisBytes: Int64
    /// Blob digests mapped to diffIDs.
    public var blobs: Int
    /// Distinct analyser keys (spoolscan versions, rule sets and options) with stored analyses.
    public var analysers: Int
    public var maxBytes: Int64
    /// Size of the database file's pages (without its WAL).
    public var fileBytes: Int64
    /// Least and most recent use, milliseconds since 1970.
    public var oldestUse: Int64?
    public var newestUse: Int64?
}
