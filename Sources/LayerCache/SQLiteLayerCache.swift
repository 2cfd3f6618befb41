import ImageReader

/// The ``LayerAnalysisCache`` one scan uses: a ``LayerCacheStore`` and the analyser key of
/// the scan's visitors (spoolscan version, rule sets, options). The first failure of the file
/// is noted in ``problems`` and turns the cache off for the rest of the scan, so the scan goes
/// on as a cold one and never fails because of its cache.
public final class SQLiteLayerCache: LayerAnalysisCache {
    public let analyser: String
    private var store: LayerCacheStore?
    /// What went wrong with the cache file, for the report's warnings.
    public private(set) var problems: [String] = []
    /// Layers found in and written to the cache during this scan.
    public private(set) var use = LayerCacheUse(hits: 0, writes: 0)

    /// Opens the cache at `path`; a file that cannot be used is a problem, not an error.
    public init(path: String, maxBytes: Int64, analyser: String) {
        self.analyser = analyser
        do {
            store = try LayerCacheStore(path: path, maxBytes: maxBytes)
        } catch {
            store = nil
            problems.append(error.message)
        }
    }

    public func analysis(forBlob blobDigest: String) -> CachedLayerAnalysis? {
        guard let store else { return nil }
        do {
            let found = try store.lookup(blob: blobDigest, analyser: analyser)
            if found != nil { use.hits += 1 }
            return found
        } catch {
            fail(error)
            return nil
        }
    }

    public func keep(_ analysis: CachedLayerAnalysis) {
        guard let store else { return }
        do {
            try store.store(analysis, analyser: analyser)
            use.writes += 1
        } catch {
            fail(error)
        }
    }

    public func reject(_ analysis: CachedLayerAnalysis) {
        problems.append("\(store?.path ?? "layer cache"): unusable analysis of \(analysis.diffID) ignored")
        guard let store else { return }
        do {
            try store.remove(diffID: analysis.diffID, analyser: analyser)
        } catch {
            fail(error)
        }
    }

    private func fail(_ error: LayerCacheError) {
        problems.append(error.message)
        store = nil
    }
}
