import SpoolscanCore

/// A layer blob as read: its digests and its entries, in archive order.
struct LayerRecord {
    let streamID: LayerStreamID
    /// `sha256:` of the stored blob.
    let digest: String
    /// Stored (possibly compressed) size in bytes.
    let size: Int64
    /// `sha256:` of the uncompressed tar.
    let diffID: String
    let compression: Compression
    let entries: [LayerEntry]
}

/// What came of trying to read a blob as a layer.
enum LayerReadOutcome {
    case layer(LayerRecord)
    /// Not a tar at all (checked before any visitor saw anything); an error only if a
    /// manifest names the blob as a layer.
    case notALayer(digest: String, size: Int64, reason: SpoolscanError)
}
