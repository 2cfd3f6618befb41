import SpoolscanCore

/// Assembles the images of an OCI image layout (archive or folder) from `index.json`:
/// each manifest in index order, nested indexes followed to a fixed depth.
struct OCIIndexAssembler {
    static let maxIndexDepth = 4
    static let containerdName = "io.containerd.image.name"
    static let refName = "org.opencontainers.image.ref.name"
    static let referenceType = "vnd.docker.reference.type"

    let store: BlobStore
    let limits: ScanLimits

    func assemble(index: MetadataBlob) throws(SpoolscanError) -> [ReadImage] {
        let document = try MetadataJSON.decode(OCIDocument.self, from: index, role: "index")
        guard let manifests = document.manifests else {
            throw SpoolscanError(.badManifest, "index \(index.path) has no manifests")
        }
        var images: [ReadImage] = []
        var skipped: [String] = []
        try walk(manifests, depth: 1, inheritedTags: [], into: &images, skipped: &skipped)
        if images.isEmpty, let missing = skipped.first {
            throw SpoolscanError(.missingBlob, "manifest \(missing) is not in the artifact")
        }
        return images
    }

    /// Walks descriptors in order. A nested index may list platforms whose manifests were not
    /// exported (a partial multi-platform save): those are skipped, not fatal.
    private func walk(_ descriptors: [OCIDescriptor], depth: Int, inheritedTags: [String],
                      into images: inout [ReadImage], skipped: inout [String]) throws(SpoolscanError) {
        for descriptor in descriptors {
            // Build attestations (docker buildx) sit next to the image; they are not images.
            if descriptor.annotations?[Self.referenceType] == "attestation-manifest" { continue }
            let path = try BlobPath.path(forDigest: descriptor.digest, context: "index")
            if depth > 1 && !store.contains(path) {
                skipped.append(path)
                continue
            }
            let blob = try store.metadata(at: path, role: "manifest")
            try checkSize(descriptor, actual: Int64(blob.bytes.count), path: path)
            let document = try MetadataJSON.decode(OCIDocument.self, from: blob, role: "manifest")
            let tags = Self.tags(from: descriptor.annotations) ?? inheritedTags

            if let nested = document.manifests, document.config == nil {
                guard depth < Self.maxIndexDepth else {
                    throw SpoolscanError(.badManifest, "indexes nested deeper than \(Self.maxIndexDepth) levels at \(path)")
                }
                try walk(nested, depth: depth + 1, inheritedTags: tags, into: &images, skipped: &skipped)
            } else if let config = document.config, let layers = document.layers {
                images.append(try image(manifestDigest: blob.digest, config: config, layers: layers, tags: tags))
            } else {
                let type = descriptor.mediaType ?? document.mediaType ?? "none"
                throw SpoolscanError(.unsupportedMedia, "\(path) (media type \(type)) is neither an image manifest nor an index")
            }
        }
    }

    private func image(manifestDigest: String, config: OCIDescriptor, layers: [OCIDescriptor], tags: [String]) throws(SpoolscanError) -> ReadImage {
        let configPath = try BlobPath.path(forDigest: config.digest, context: "manifest \(manifestDigest)")
        var references: [ImageAssembler.LayerReference] = []
        for layer in layers {
            let path = try BlobPath.path(forDigest: layer.digest, context: "manifest \(manifestDigest)")
            references.append(ImageAssembler.LayerReference(path: path, size: layer.size))
        }
        return try ImageAssembler(store: store, limits: limits).assemble(
            configPath: configPath, expectedConfigDigest: config.digest, expectedConfigSize: config.size,
            configMediaType: config.mediaType,
            layers: references, repoTags: tags, manifestDigest: manifestDigest)
    }

    private func checkSize(_ descriptor: OCIDescriptor, actual: Int64, path: String) throws(SpoolscanError) {
        if let size = descriptor.size, size != actual {
            throw SpoolscanError(.digestMismatch, "\(path) is \(actual) bytes, descriptor says \(size)")
        }
    }

    /// `io.containerd.image.name` (a full reference), else `org.opencontainers.image.ref.name`.
    static func tags(from annotations: [String: String]?) -> [String]? {
        if let name = annotations?[containerdName], !name.isEmpty { return [name] }
        if let name = annotations?[refName], !name.isEmpty { return [name] }
        return nil
    }
}
