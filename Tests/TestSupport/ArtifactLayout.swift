import Foundation
import SpoolscanCore

/// Turns ``ImageBuilder`` images into the members of each artifact layout.
struct ArtifactLayout {
    struct BuiltLayer {
        let stored: [UInt8]
        /// Hex SHA-256 of the stored bytes.
        let hex: String
        let diffID: String
        let mediaType: String
    }

    struct BuiltImage {
        let image: ImageBuilder
        let layers: [BuiltLayer]
        let config: [UInt8]
        let configHex: String
    }

    let images: [BuiltImage]
    let layerCompression: TarWriter.Filter

    init(images: [ImageBuilder], layerCompression: TarWriter.Filter) throws {
        self.layerCompression = layerCompression
        var built: [BuiltImage] = []
        for image in images {
            var layers: [BuiltLayer] = []
            for layer in image.layers { layers.append(try Self.build(layer, compression: layerCompression)) }
            let config = try ImageConfigJSON.encode(image.config, layers: image.layers,
                                                    diffIDs: image.config.diffIDsOverride ?? layers.map(\.diffID))
            built.append(BuiltImage(image: image, layers: layers, config: config, configHex: SHA256Hasher.hex(config)))
        }
        self.images = built
    }

    private static func build(_ layer: ImageBuilder.Layer, compression: TarWriter.Filter) throws -> BuiltLayer {
        let base = "application/vnd.oci.image.layer.v1.tar"
        if compression == .none {
            let tar = try TarWriter.bytes(layer.files, format: layer.format)
            let hex = SHA256Hasher.hex(tar)
            return BuiltLayer(stored: tar, hex: hex, diffID: "sha256:" + hex, mediaType: base)
        }
        let hashing = try TarWriter.digestOnly(format: layer.format)
        try hashing.add(layer.files)
        let diffID = try hashing.finishDigest()
        let stored = try TarWriter.bytes(layer.files, format: layer.format, filter: compression)
        return BuiltLayer(stored: stored, hex: SHA256Hasher.hex(stored), diffID: diffID,
                          mediaType: base + (compression == .gzip ? "+gzip" : "+zstd"))
    }

    func members(format: ImageBuilder.Format) throws -> [ArchiveMember] {
        switch format {
        case .dockerLegacy: return try dockerLegacy()
        case .docker25: return try docker25()
        case .ociArchive, .ociLayoutDirectory: return try oci()
        }
    }

    private func dockerLegacy() throws -> [ArchiveMember] {
        var members = MemberList()
        var manifest: [[String: Any]] = []
        var repositories: [String: [String: String]] = [:]
        for image in images {
            var parent: String?
            for layer in image.layers {
                var json: [String: Any] = ["id": layer.hex, "created": "2024-01-01T00:00:00Z"]
                if let parent { json["parent"] = parent }
                members.add("\(layer.hex)/VERSION", Array("1.0".utf8))
                members.add("\(layer.hex)/json", try Self.json(json))
                members.add("\(layer.hex)/layer.tar", layer.stored)
                parent = layer.hex
            }
            members.add("\(image.configHex).json", image.config)
            manifest.append(["Config": "\(image.configHex).json", "RepoTags": image.image.tags,
                             "Layers": image.layers.map { "\($0.hex)/layer.tar" }])
            for tag in image.image.tags {
                let (name, version) = Self.split(tag)
                repositories[name, default: [:]][version] = parent ?? ""
            }
        }
        members.add("repositories", try Self.json(repositories))
        members.add("manifest.json", try Self.json(manifest))
        return members.list
    }

    private func docker25() throws -> [ArchiveMember] {
        var members = MemberList()
        var manifest: [[String: Any]] = []
        let index = try ociBlobs(into: &members, firstTagOnly: true)
        for image in images {
            manifest.append(["Config": "blobs/sha256/\(image.configHex)", "RepoTags": image.image.tags,
                             "Layers": image.layers.map { "blobs/sha256/\($0.hex)" }])
        }
        members.add("oci-layout", Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8))
        members.add("index.json", index)
        members.add("manifest.json", try Self.json(manifest))
        return members.list
    }

    private func oci() throws -> [ArchiveMember] {
        var members = MemberList()
        let index = try ociBlobs(into: &members, firstTagOnly: false)
        members.add("oci-layout", Array(#"{"imageLayoutVersion":"1.0.0"}"#.utf8))
        members.add("index.json", index)
        return members.list
    }

    /// Writes every image's layer, config and manifest blobs; returns the `index.json` bytes.
    private func ociBlobs(into members: inout MemberList, firstTagOnly: Bool) throws -> [UInt8] {
        var descriptors: [[String: Any]] = []
        for image in images {
            for layer in image.layers { members.add("blobs/sha256/\(layer.hex)", layer.stored) }
            members.add("blobs/sha256/\(image.configHex)", image.config)
            let manifest = try Self.json([
                "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "config": ["mediaType": "application/vnd.oci.image.config.v1+json",
                           "digest": "sha256:\(image.configHex)", "size": image.config.count],
                "layers": image.layers.map { ["mediaType": $0.mediaType, "digest": "sha256:\($0.hex)", "size": $0.stored.count] },
            ] as [String: Any])
            let manifestHex = SHA256Hasher.hex(manifest)
            members.add("blobs/sha256/\(manifestHex)", manifest)
            let tags = firstTagOnly ? Array(image.image.tags.prefix(1)) : image.image.tags
            for tag in tags.isEmpty ? [nil] : tags.map(Optional.some) {
                var descriptor: [String: Any] = ["mediaType": "application/vnd.oci.image.manifest.v1+json",
                                                 "digest": "sha256:\(manifestHex)", "size": manifest.count]
                if let tag {
                    descriptor["annotations"] = ["io.containerd.image.name": tag,
                                                 "org.opencontainers.image.ref.name": Self.split(tag).1]
                }
                descriptors.append(descriptor)
            }
        }
        return try Self.json(["schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
                              "manifests": descriptors] as [String: Any])
    }

    static func json(_ object: Any) throws -> [UInt8] {
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
    }

    /// `name:tag` → (`name`, `tag`); the tag defaults to `latest`.
    static func split(_ reference: String) -> (String, String) {
        guard let colon = reference.lastIndex(of: ":"), !reference[colon...].contains("/") else { return (reference, "latest") }
        return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
    }
}

/// Members in write order, each path written once (shared layers).
struct MemberList {
    private(set) var list: [ArchiveMember] = []
    private var paths: Set<String> = []

    mutating func add(_ path: String, _ bytes: [UInt8]) {
        guard paths.insert(path).inserted else { return }
        list.append(ArchiveMember(path: path, bytes: bytes))
    }
}
