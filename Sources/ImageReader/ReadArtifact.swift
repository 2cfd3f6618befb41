/// What ``ArchiveReader`` found in one artifact file.
public struct ReadArtifact {
    /// The path given to the reader.
    public var path: String
    /// SHA-256 of the file as stored, lowercase hex (for an OCI layout folder: of its `index.json`).
    public var sha256: String
    /// Size of the file in bytes (for an OCI layout folder: bytes of `index.json` and every blob read).
    public var size: Int64
    /// `docker-archive`, `oci-archive` or `oci-layout`, plus `+gzip` / `+zstd` when the whole file is compressed.
    public var format: String
    /// Images in manifest order.
    public var images: [ReadImage]

    public init(path: String, sha256: String, size: Int64, format: String, images: [ReadImage]) {
        self.path = path; self.sha256 = sha256; self.size = size; self.format = format; self.images = images
    }
}

/// One image of an artifact: identity, config, layers and final filesystem.
public struct ReadImage {
    public var repoTags: [String]
    /// The config blob's digest, `sha256:…`.
    public var imageID: String
    /// The manifest's digest where the layout stores manifests as blobs (OCI, Docker ≥ 25).
    public var manifestDigest: String?
    public var config: ImageConfig
    /// The image's layers, base first.
    public var layers: [ReadLayer]
    public var filesystem: ImageFilesystem
    /// The raw config JSON bytes (detectors read history and env from it).
    public var configJSON: [UInt8]

    public init(repoTags: [String], imageID: String, manifestDigest: String?, config: ImageConfig,
                layers: [ReadLayer], filesystem: ImageFilesystem, configJSON: [UInt8] = []) {
        self.repoTags = repoTags; self.imageID = imageID; self.manifestDigest = manifestDigest
        self.config = config; self.layers = layers; self.filesystem = filesystem; self.configJSON = configJSON
    }

    /// The image index of the layer read as `stream`, or nil when this image does not use it.
    public func layerIndex(of stream: LayerStreamID) -> Int? {
        layers.firstIndex { $0.streamID == stream }
    }
}

/// One layer as read and verified.
public struct ReadLayer: Sendable, Equatable {
    public var index: Int
    public var streamID: LayerStreamID
    /// `sha256:` of the uncompressed tar, verified against the config's `rootfs.diff_ids`.
    public var diffID: String
    /// `sha256:` of the stored blob, verified against its name or descriptor where it has one.
    public var digest: String
    public var size: Int64
    public var compression: Compression
    public var createdBy: String?
    /// The layer's own entries in tar order, whiteouts included (the final view is the image's
    /// ``ReadImage/filesystem``).
    public var entries: [LayerEntry]

    public init(index: Int, streamID: LayerStreamID, diffID: String, digest: String, size: Int64,
                compression: Compression, createdBy: String?, entries: [LayerEntry] = []) {
        self.index = index; self.streamID = streamID; self.diffID = diffID; self.digest = digest
        self.size = size; self.compression = compression; self.createdBy = createdBy; self.entries = entries
    }
}

/// A compression detected from magic bytes.
public enum Compression: String, Sendable, Equatable {
    case none, gzip, zstd
}
