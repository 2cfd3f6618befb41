/// The reader's side of a ``LayerAnalysisCache``: before a layer whose stored digest is known
/// is read, puts its cached results back into the visitors; after a layer was read in full,
/// keeps what the visitors found. Used only when every visitor can save and restore results.
final class LayerCaching {
    private let cache: LayerAnalysisCache
    private let visitors: [LayerResultsRecording]

    /// Nil without a cache, or when a visitor cannot save its results (nothing could be skipped).
    init?(cache: LayerAnalysisCache?, visitors: [LayerVisitor]) {
        guard let cache else { return nil }
        let recording = visitors.compactMap { $0 as? LayerResultsRecording }
        guard recording.count == visitors.count else { return nil }
        self.cache = cache
        self.visitors = recording
    }

    /// Restores the cached analysis of the blob `blobDigest` as layer `stream` into every
    /// visitor and returns it, or nil (nothing restored) on a miss or an unusable entry.
    /// The caller must still hash the blob and call ``forget(_:)`` when it does not match.
    func restore(blob blobDigest: String, as stream: LayerStreamID) -> CachedLayerAnalysis? {
        guard let analysis = cache.analysis(forBlob: blobDigest) else { return nil }
        guard analysis.results.count == visitors.count else {
            cache.reject(analysis)
            return nil
        }
        for (index, visitor) in visitors.enumerated() where !visitor.restoreResults(analysis.results[index], as: stream) {
            for earlier in visitors[..<index] { earlier.forgetResults(of: stream) }
            cache.reject(analysis)
            return nil
        }
        for visitor in visitors { visitor.beginLayer(stream) }
        return analysis
    }

    /// Undoes a restore whose bytes turned out not to be the cached blob.
    func forget(_ stream: LayerStreamID) {
        for visitor in visitors { visitor.forgetResults(of: stream) }
    }

    /// Keeps the visitors' results for a layer read in full.
    func keep(_ record: LayerRecord) {
        cache.keep(CachedLayerAnalysis(diffID: record.diffID, blobDigest: record.digest, compression: record.compression,
                                       entries: record.entries,
                                       results: visitors.map { $0.saveResults(of: record.streamID) }))
    }
}
