import SpoolscanCore

/// The blobs of an archive after its one pass. A JSON-looking member that a manifest names as
/// a layer is read as a layer from memory, once.
final class ArchiveBlobStore: BlobStore {
    private var contents: ArchiveContents
    private let limits: ScanLimits
    private let budget: ReadBudget
    private let visitors: [LayerVisitor]
    private let pipeline: LayerPipeline

    init(contents: ArchiveContents, limits: ScanLimits, budget: ReadBudget, visitors: [LayerVisitor], pipeline: LayerPipeline = .plain) {
        self.contents = contents
        self.limits = limits
        self.budget = budget
        self.visitors = visitors
        self.pipeline = pipeline
    }

    func contains(_ path: String) -> Bool {
        let key = contents.resolve(path)
        return contents.metadata[key] != nil || contents.layers[key] != nil || contents.notLayers[key] != nil
    }

    func metadata(at path: String, role: String) throws(SpoolscanError) -> MetadataBlob {
        let key = contents.resolve(path)
        if let blob = contents.metadata[key] { return blob }
        if contents.layers[key] != nil || contents.notLayers[key] != nil {
            throw SpoolscanError(.badManifest, "\(role) \(key) is not a JSON document")
        }
        throw SpoolscanError(.missingBlob, "\(role) \(EntryPath.quoted(path)) is not in the archive")
    }

    func layer(at path: String) throws(SpoolscanError) -> LayerRecord {
        let key = contents.resolve(path)
        if let record = contents.layers[key] { return record }
        if let reason = contents.notLayers[key] { throw reason }
        guard let blob = contents.metadata[key] else {
            throw SpoolscanError(.missingBlob, "layer \(EntryPath.quoted(path)) is not in the archive")
        }
        let streamID = LayerStreamID(contents.nextStreamID)
        contents.nextStreamID += 1
        let reader = LayerStreamReader(limits: limits, budget: budget, visitors: visitors, pipeline: pipeline)
        switch try reader.read(blob: MemoryByteStream(blob.bytes), streamID: streamID, label: "layer \(key)") {
        case .layer(let record):
            contents.layers[key] = record
            return record
        case .notALayer(_, _, let reason):
            contents.notLayers[key] = reason
            throw reason
        }
    }

    /// The member at `path` when it exists, for optional documents (`index.json`).
    func optionalMetadata(at path: String) -> MetadataBlob? {
        contents.metadata[contents.resolve(path)]
    }
}
