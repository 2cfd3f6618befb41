import SpoolscanCore

/// Assembles the images of a docker-archive from `manifest.json`, in its order. Works for the
/// legacy layout (`<id>.json`, `<id>/layer.tar`) and Docker ≥ 25 (`blobs/sha256/…`), where the
/// OCI `index.json` also supplies each image's manifest digest.
struct DockerManifestAssembler {
    let store: ArchiveBlobStore
    let limits: ScanLimits

    func assemble(manifest: MetadataBlob) throws(SpoolscanError) -> [ReadImage] {
        let entries = try MetadataJSON.decode([DockerManifestEntry].self, from: manifest, role: "manifest")
        let manifestDigests = ociManifestDigestsByConfig()
        let assembler = ImageAssembler(store: store, limits: limits)
        var images: [ReadImage] = []
        for entry in entries {
            let configPath = EntryPath.archiveKey(entry.Config)
            let expected = Self.configDigest(promisedBy: configPath)
            let references = entry.Layers.map { ImageAssembler.LayerReference(path: EntryPath.archiveKey($0), size: nil) }
            var image = try assembler.assemble(configPath: configPath, expectedConfigDigest: expected, configMediaType: nil,
                                               layers: references, repoTags: entry.RepoTags ?? [], manifestDigest: nil)
            image.manifestDigest = manifestDigests[image.imageID]
            images.append(image)
        }
        return images
    }

    /// Legacy configs are named `<hex>.json`, Docker ≥ 25 ones `blobs/sha256/<hex>`.
    static func configDigest(promisedBy path: String) -> String? {
        if let digest = BlobPath.promisedDigest(ofPath: path) { return digest }
        guard path.hasSuffix(".json"), !path.contains("/") else { return nil }
        let hex = String(path.dropLast(".json".count))
        return BlobPath.isSHA256Hex(hex) ? "sha256:" + hex : nil
    }

    /// Config digest → manifest digest, from a Docker ≥ 25 `index.json` (best effort: the
    /// images themselves come from `manifest.json`).
    private func ociManifestDigestsByConfig() -> [String: String] {
        guard let indexBlob = store.optionalMetadata(at: "index.json"),
              let index = try? MetadataJSON.decode(OCIDocument.self, from: indexBlob, role: "index") else { return [:] }
        var result: [String: String] = [:]
        var pending = index.manifests ?? []
        var visited = 0
        while let descriptor = pending.popLast(), visited < 64 {
            visited += 1
            guard let path = try? BlobPath.path(forDigest: descriptor.digest, context: "index"),
                  let blob = try? store.metadata(at: path, role: "manifest"),
                  let document = try? MetadataJSON.decode(OCIDocument.self, from: blob, role: "manifest") else { continue }
            if let config = document.config { result[config.digest] = descriptor.digest }
            pending.append(contentsOf: document.manifests ?? [])
        }
        return result
    }
}
