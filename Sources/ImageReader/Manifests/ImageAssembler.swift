import SpoolscanCore

/// Builds one ``ReadImage`` from its config and layers: verifies the config digest, each
/// layer's size and diffID, and applies the layers into the final filesystem.
struct ImageAssembler {
    /// A layer as the manifest names it.
    struct LayerReference {
        let path: String
        /// Descriptor size, where the manifest gives one.
        let size: Int64?
    }

    let store: BlobStore
    let limits: ScanLimits

    func assemble(configPath: String, expectedConfigDigest: String?, expectedConfigSize: Int64? = nil, configMediaType: String?,
                  layers references: [LayerReference], repoTags: [String], manifestDigest: String?) throws(SpoolscanError) -> ReadImage {
        let configBlob = try store.metadata(at: configPath, role: "config")
        if let expectedConfigDigest, expectedConfigDigest != configBlob.digest {
            throw SpoolscanError(.digestMismatch, "config \(configPath) has digest \(configBlob.digest), expected \(expectedConfigDigest)")
        }
        if let expectedConfigSize, expectedConfigSize != Int64(configBlob.bytes.count) {
            throw SpoolscanError(.digestMismatch, "config \(configPath) is \(configBlob.bytes.count) bytes, descriptor says \(expectedConfigSize)")
        }
        let config = try MetadataJSON.decode(ImageConfig.self, from: configBlob, role: "config")
        guard let diffIDs = config.rootfs?.diff_ids else {
            if let configMediaType, !MediaTypes.imageConfigs.contains(configMediaType) {
                throw SpoolscanError(.unsupportedMedia, "config \(configPath) has media type \(configMediaType), not an image config")
            }
            throw SpoolscanError(.badManifest, "config \(configPath) has no rootfs.diff_ids")
        }
        guard diffIDs.count == references.count else {
            throw SpoolscanError(.badManifest, "manifest lists \(references.count) layers, config \(configPath) lists \(diffIDs.count) diff_ids")
        }
        let history = config.layerHistory
        var layers: [ReadLayer] = []
        var entryLists: [[LayerEntry]] = []
        for (index, reference) in references.enumerated() {
            let record = try store.layer(at: reference.path)
            if let size = reference.size, size != record.size {
                throw SpoolscanError(.digestMismatch, "layer \(reference.path) is \(record.size) bytes, descriptor says \(size)")
            }
            if record.diffID != diffIDs[index] {
                throw SpoolscanError(.digestMismatch, "layer \(reference.path) has diffID \(record.diffID), config says \(diffIDs[index])")
            }
            layers.append(ReadLayer(index: index, streamID: record.streamID, diffID: record.diffID, digest: record.digest,
                                    size: record.size, compression: record.compression,
                                    createdBy: index < history.count ? history[index] : nil, entries: record.entries))
            entryLists.append(record.entries)
        }
        let filesystem = ImageFilesystem(layers: entryLists, maxSymlinkHops: limits.maxSymlinkHops)
        return ReadImage(repoTags: repoTags, imageID: configBlob.digest, manifestDigest: manifestDigest, config: config,
                         layers: layers, filesystem: filesystem, configJSON: configBlob.bytes)
    }
}
