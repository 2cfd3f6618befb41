import SpoolscanCore

/// Reads one layer blob in a single pass: stored bytes (hashed into the blob digest) →
/// gzip/zstd decompression when the magic bytes say so (hashed into the diffID) → tar
/// entries, whose regular files go to the visitors' sinks.
///
/// With a cache, a blob whose digest is known before reading and whose analysis is cached is
/// only hashed (never decompressed or parsed): its results go back into the visitors, and bytes
/// that do not hash to the promised digest are `SCAN-006`.
struct LayerStreamReader {
    let limits: ScanLimits
    let budget: ReadBudget
    let visitors: [LayerVisitor]
    var pipeline: LayerPipeline = .plain

    /// Reads `blob` (the stored bytes) as layer `streamID`. `label` names it in errors.
    /// `expectedDigest` is the digest the blob's name promises: when reading fails, a blob that
    /// does not match it is reported as a digest mismatch (`SCAN-006`), the root cause.
    /// `cachedAs` is the digest the image promises for a blob whose name promises none (a
    /// legacy layer's diffID): used only to look the blob up in the cache.
    func read(blob: ByteStream, streamID: LayerStreamID, label: String,
              expectedDigest: String? = nil, cachedAs: String? = nil) throws(SpoolscanError) -> LayerReadOutcome {
        let peekable = PeekableByteStream(blob)
        let compression = Compression.detect(try peekable.peek(4))
        // A promised diffID is the stored digest only of an uncompressed blob.
        if let caching = pipeline.caching, let key = expectedDigest ?? (compression == .none ? cachedAs : nil),
           let analysis = caching.restore(blob: key, as: streamID) {
            return .layer(try verifyCached(blob: peekable, analysis: analysis, streamID: streamID, label: label,
                                           expectedDigest: key, caching: caching))
        }
        let stored: HashingByteStream
        let uncompressed: HashingByteStream
        let entries: [LayerEntry]
        var prefetch: PrefetchingByteStream?
        do {
            if compression == .none {
                stored = HashingByteStream(peekable, budget: budget, label: label)
                uncompressed = stored
            } else {
                stored = HashingByteStream(peekable)
                let decompressed = try DecompressingByteStream(compressed: stored, compression: compression,
                                                               budget: budget, label: label)
                uncompressed = HashingByteStream(decompressed, budget: budget, label: label)
            }
            // Decompressing and hashing run ahead on their own thread; the tar and the visitors
            // stay on this one, in the same order as without. (An uncompressed layer is only
            // hashed: measured, handing its chunks over costs more than it saves.)
            if pipeline.overlap && compression != .none {
                prefetch = PrefetchingByteStream(uncompressed, name: "spoolscan-layer")
            }
            let tarInput: ByteStream = prefetch ?? uncompressed
            do {
                let tar = try LibarchiveReader(source: tarInput, role: .tar, label: label)
                entries = try readEntries(tar, streamID: streamID, label: label)
                try tarInput.drain()
            } catch where error.code == .notAnImage {
                // Not a tar at all, noticed before any visitor heard of it.
                prefetch?.stop()
                let digest = try stored.finishDigest()
                return .notALayer(digest: digest, size: stored.count,
                                  reason: SpoolscanError(.unsupportedMedia, "\(label) is not a tar layer"))
            } catch {
                prefetch?.stop()
                if let expectedDigest, let actual = try? stored.finishDigest(), actual != expectedDigest {
                    throw SpoolscanError(.digestMismatch, "\(label) has digest \(actual) (\(error.code.code) while reading it)")
                }
                throw error
            }
        }
        let diffID = try uncompressed.finishDigest()
        let digest = compression == .none ? diffID : try stored.finishDigest()
        for visitor in visitors { visitor.endLayer(streamID) }
        let record = LayerRecord(streamID: streamID, digest: digest, size: stored.count, diffID: diffID,
                                 compression: compression, entries: entries)
        pipeline.caching?.keep(record)
        return .layer(record)
    }

    /// Hashes the stored bytes of a layer whose analysis came from the cache. The cached
    /// diffID is only believed when the bytes are the blob the analysis was made from.
    private func verifyCached(blob: ByteStream, analysis: CachedLayerAnalysis, streamID: LayerStreamID, label: String,
                              expectedDigest: String, caching: LayerCaching) throws(SpoolscanError) -> LayerRecord {
        // Uncompressed bytes count against the artifact's budget as when they are read.
        let stored = HashingByteStream(blob, budget: analysis.compression == .none ? budget : nil, label: label)
        let digest: String
        do {
            digest = try stored.finishDigest()
        } catch {
            caching.forget(streamID)
            throw error
        }
        guard digest == expectedDigest else {
            caching.forget(streamID)
            throw SpoolscanError(.digestMismatch, "\(label) has digest \(digest), not the \(expectedDigest) promised for it")
        }
        for visitor in visitors { visitor.endLayer(streamID) }
        return LayerRecord(streamID: streamID, digest: digest, size: stored.count, diffID: analysis.diffID,
                           compression: analysis.compression, entries: analysis.entries)
    }

    /// Every entry of the tar; visitors hear `beginLayer` once the stream is known to be a tar.
    private func readEntries(_ tar: LibarchiveReader, streamID: LayerStreamID, label: String) throws(SpoolscanError) -> [LayerEntry] {
        let translator = LayerEntryTranslator(limits: limits, label: label)
        let feeder = FileFeeder(tar: tar, budget: budget, label: label)
        var entries: [LayerEntry] = []
        var headers = 0
        var begun = false
        while let header = try tar.nextHeader() {
            if !begun {
                begun = true
                for visitor in visitors { visitor.beginLayer(streamID) }
            }
            headers += 1
            if headers > limits.maxEntriesPerLayer {
                throw SpoolscanError(.tooManyEntries, "\(label): more than \(limits.maxEntriesPerLayer) entries")
            }
            guard let entry = try translator.translate(header) else { continue }
            entries.append(entry)
            if entry.kind == .regular {
                let sinks = visitors.compactMap { $0.visitFile(entry, layer: streamID) }
                if !sinks.isEmpty { try feeder.feed(entry, to: sinks) }
            }
        }
        if !begun {
            for visitor in visitors { visitor.beginLayer(streamID) }
        }
        return entries
    }
}
