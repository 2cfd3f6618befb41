import Foundation
import ImageReader
import SQLiteDB

/// The layer cache file: a SQLite database in WAL mode that several scanner processes read
/// and write at once (each write is one short `BEGIN IMMEDIATE` transaction; a busy file is
/// waited for up to the busy timeout). Its analyses are bounded by `maxBytes`: when a write
/// passes the bound, the least recently used analyses are evicted.
///
/// One store belongs to one thread at a time.
public final class LayerCacheStore {
    public let path: String
    /// Bound on the bytes of stored analyses.
    public let maxBytes: Int64
    private let db: SQLiteDatabase

    /// Opens (creating it and its folder when missing) the cache at `path`. Throws for a file
    /// that is not a layer cache, a damaged one, or one that cannot be opened.
    public init(path: String, maxBytes: Int64) throws(LayerCacheError) {
        self.path = path
        self.maxBytes = maxBytes
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        do {
            db = try SQLiteDatabase(path: path, mode: .create)
        } catch {
            throw LayerCacheError(error, path: path)
        }
        try LayerCacheSchema.prepare(db, path: path)
    }

    /// What is stored for blob `blobDigest` under `analyser`: its diffID, compression and
    /// encoded analysis. Marks the analysis as just used.
    public func lookup(blob blobDigest: String, analyser: String) throws(LayerCacheError) -> CachedLayerAnalysis? {
        do {
            let find = try db.cached("""
                SELECT b.diff_id, b.compression, a.data FROM blobs b
                JOIN analyses a ON a.diff_id = b.diff_id AND a.analyser = ?2 WHERE b.blob_digest = ?1
                """)
            find.bindAll([.text(blobDigest), .text(analyser)])
            defer { find.reset() }
            guard try find.step() else { return nil }
            let diffID = find.string(0) ?? ""
            let compression = Compression(rawValue: find.string(1) ?? "")
            let data = find.blob(2)
            find.reset()
            guard let compression, let decoded = try? LayerAnalysisCodec.decode(data) else {
                try delete(diffID: diffID, analyser: analyser)
                throw LayerCacheError("\(path): damaged analysis of \(diffID) removed")
            }
            try db.cached("UPDATE analyses SET last_used = ?1 WHERE diff_id = ?2 AND analyser = ?3")
                .run([.integer(Self.now()), .text(diffID), .text(analyser)])
            return CachedLayerAnalysis(diffID: diffID, blobDigest: blobDigest, compression: compression,
                                       entries: decoded.entries, results: decoded.results)
        } catch {
            throw LayerCacheError(any: error, path: path)
        }
    }

    /// Stores `analysis` under `analyser`, then evicts least recently used analyses until the
    /// stored bytes are within ``maxBytes``. An analysis larger than the bound is not stored.
    public func store(_ analysis: CachedLayerAnalysis, analyser: String) throws(LayerCacheError) {
        let data = LayerAnalysisCodec.encode(analysis)
        guard Int64(data.count) <= maxBytes else { return }
        do {
            try db.transaction {
                try db.cached("INSERT OR REPLACE INTO blobs (blob_digest, diff_id, compression) VALUES (?1, ?2, ?3)")
                    .run([.text(analysis.blobDigest), .text(analysis.diffID), .text(analysis.compression.rawValue)])
                try db.cached("""
                    INSERT OR REPLACE INTO analyses (diff_id, analyser, data, bytes, last_used) VALUES (?1, ?2, ?3, ?4, ?5)
                    """).run([.text(analysis.diffID), .text(analyser), .blob(data), .integer(Int64(data.count)), .integer(Self.now())])
                _ = try evict(downTo: maxBytes)
            }
            try db.execute("PRAGMA incremental_vacuum")
        } catch {
            throw LayerCacheError(any: error, path: path)
        }
    }

    /// Evicts least recently used analyses until at most `bytes` are stored; returns how many went.
    @discardableResult
    public func prune(downTo bytes: Int64) throws(LayerCacheError) -> Int {
        do {
            let removed = try db.transaction { try evict(downTo: max(0, bytes)) }
            try db.execute("PRAGMA incremental_vacuum")
            return removed
        } catch {
            throw LayerCacheError(any: error, path: path)
        }
    }

    /// Removes the analysis of `diffID` made by `analyser` (one that could not be restored).
    public func remove(diffID: String, analyser: String) throws(LayerCacheError) {
        do {
            try db.transaction { try delete(diffID: diffID, analyser: analyser) }
        } catch {
            throw LayerCacheError(any: error, path: path)
        }
    }

    /// Bytes `analysis` takes in the cache (what ``maxBytes`` counts).
    public static func storedSize(of analysis: CachedLayerAnalysis) -> Int {
        LayerAnalysisCodec.encode(analysis).count
    }

    /// Copies the write-ahead log into the database file and empties it.
    public func checkpoint() throws(LayerCacheError) {
        do {
            _ = try LayerCacheSchema.scalar(db, "PRAGMA wal_checkpoint(TRUNCATE)")
        } catch {
            throw LayerCacheError(error, path: path)
        }
    }

    /// Counts and sizes for `spoolscan cache info`.
    public func info() throws(LayerCacheError) -> LayerCacheInfo {
        do {
            let totals = try db.cached("SELECT count(*), coalesce(sum(bytes), 0), min(last_used), max(last_used), count(DISTINCT analyser) FROM analyses")
            defer { totals.reset() }
            _ = try totals.step()
            let blobs = try LayerCacheSchema.scalar(db, "SELECT count(*) FROM blobs")
            let pages = try LayerCacheSchema.scalar(db, "PRAGMA page_count")
            let pageSize = try LayerCacheSchema.scalar(db, "PRAGMA page_size")
            return LayerCacheInfo(path: path, analyses: Int(totals.int(0)), analysisBytes: totals.int(1),
                                  blobs: Int(blobs), analysers: Int(totals.int(4)), maxBytes: maxBytes,
                                  fileBytes: pages * pageSize,
                                  oldestUse: totals.isNull(2) ? nil : totals.int(2), newestUse: totals.isNull(3) ? nil : totals.int(3))
        } catch {
            throw LayerCacheError(error, path: path)
        }
    }

    private func evict(downTo bound: Int64) throws -> Int {
        var total = try LayerCacheSchema.scalar(db, "SELECT coalesce(sum(bytes), 0) FROM analyses")
        var removed = 0
        let oldest = try db.cached("SELECT diff_id, analyser, bytes FROM analyses ORDER BY last_used, diff_id LIMIT 1")
        while total > bound {
            oldest.reset()
            guard try oldest.step() else { break }
            let diffID = oldest.string(0) ?? ""
            let analyser = oldest.string(1) ?? ""
            total -= oldest.int(2)
            oldest.reset()
            try delete(diffID: diffID, analyser: analyser)
            removed += 1
        }
        return removed
    }

    private func delete(diffID: String, analyser: String) throws(SQLiteError) {
        try db.cached("DELETE FROM analyses WHERE diff_id = ?1 AND analyser = ?2").run([.text(diffID), .text(analyser)])
        try db.cached("DELETE FROM blobs WHERE diff_id = ?1 AND NOT EXISTS (SELECT 1 FROM analyses WHERE diff_id = ?1)")
            .run([.text(diffID)])
    }

    /// Milliseconds since 1970, the LRU clock (shared by every process using the file).
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
