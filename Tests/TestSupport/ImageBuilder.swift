/// Builds container image artifacts for tests: docker-archive (legacy and Docker ≥ 25
/// layouts), OCI archive and OCI layout folder, each layer uncompressed, gzip or zstd, the
/// whole file optionally gzip/zstd-compressed, one image or several per artifact.
///
/// ```swift
/// let image = ImageBuilder(layers: [
///     .init(files: [.file("etc/os-release", "ID=alpine\n")]),
///     .init(files: [.whiteout("etc/motd")], createdBy: "RUN rm /etc/motd"),
/// ], config: .init(user: "app"), tags: ["example/app:1"])
/// try image.write(to: dir.path("img.tar"), format: .dockerLegacy)
/// ```
///
/// Like `docker save`, archives carry `manifest.json` (or `index.json`) as their last member.
public struct ImageBuilder: Sendable {
    /// One layer: its files in tar order.
    public struct Layer: Sendable, Equatable {
        public var files: [TestFile]
        /// The config history's `created_by` for this layer.
        public var createdBy: String?
        /// The tar dialect of the layer.
        public var format: TarWriter.Format

        public init(files: [TestFile], createdBy: String? = nil, format: TarWriter.Format = .pax) {
            self.files = files; self.createdBy = createdBy; self.format = format
        }
    }

    /// One `history` entry of the config.
    public struct HistoryEntry: Sendable, Equatable {
        public var createdBy: String
        public var emptyLayer: Bool
        public init(createdBy: String, emptyLayer: Bool = false) {
            self.createdBy = createdBy; self.emptyLayer = emptyLayer
        }
    }

    /// The parts of the image config a test may set.
    public struct Config: Sendable, Equatable {
        public var user: String?
        public var env: [String]
        /// Ports as docker writes them: `80/tcp`.
        public var exposedPorts: [String]
        /// Healthcheck `Test`, e.g. `["CMD", "curl", "-f", "http://localhost/"]`.
        public var healthcheck: [String]?
        public var cmd: [String]?
        public var entrypoint: [String]?
        public var workingDir: String?
        public var labels: [String: String]
        public var architecture: String
        public var os: String
        /// The full history; nil writes one entry per layer from ``Layer/createdBy``.
        public var history: [HistoryEntry]?
        /// Overrides the computed `rootfs.diff_ids` (to build images with mismatching layers).
        public var diffIDsOverride: [String]?

        public init(user: String? = nil, env: [String] = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                    exposedPorts: [String] = [], healthcheck: [String]? = nil, cmd: [String]? = nil,
                    entrypoint: [String]? = nil, workingDir: String? = nil, labels: [String: String] = [:],
                    architecture: String = "amd64", os: String = "linux", history: [HistoryEntry]? = nil,
                    diffIDsOverride: [String]? = nil) {
            self.user = user; self.env = env; self.exposedPorts = exposedPorts; self.healthcheck = healthcheck
            self.cmd = cmd; self.entrypoint = entrypoint; self.workingDir = workingDir; self.labels = labels
            self.architecture = architecture; self.os = os; self.history = history; self.diffIDsOverride = diffIDsOverride
        }
    }

    /// The artifact layout.
    public enum Format: Sendable, CaseIterable {
        /// `docker save` before Docker 25: `manifest.json`, `<id>.json`, `<id>/layer.tar`, `repositories`.
        case dockerLegacy
        /// `docker save` from Docker 25: OCI `blobs/sha256/…`, `index.json`, `oci-layout` and `manifest.json`.
        case docker25
        /// An OCI image layout packed as a tar.
        case ociArchive
        /// An OCI image layout folder (`write(to:)` creates the folder).
        case ociLayoutDirectory
    }

    /// Compression of layers or of the whole file.
    public typealias Compression = TarWriter.Filter

    public var layers: [Layer]
    public var config: Config
    /// `name:tag` references (docker `RepoTags`; OCI `io.containerd.image.name` annotation).
    public var tags: [String]

    public init(layers: [Layer], config: Config = Config(), tags: [String] = ["test/image:latest"]) {
        self.layers = layers; self.config = config; self.tags = tags
    }

    /// Writes this image as an artifact at `path` (a file, or a folder for `.ociLayoutDirectory`).
    public func write(to path: String, format: Format, layerCompression: Compression = .none,
                      outerCompression: Compression = .none) throws {
        try Self.write(images: [self], to: path, format: format, layerCompression: layerCompression,
                       outerCompression: outerCompression)
    }

    /// Writes several images into one artifact; layers with identical content are stored once.
    public static func write(images: [ImageBuilder], to path: String, format: Format,
                             layerCompression: Compression = .none, outerCompression: Compression = .none) throws {
        let members = try self.members(images: images, format: format, layerCompression: layerCompression)
        if format == .ociLayoutDirectory {
            try ArchiveMember.writeFolder(members, to: path)
        } else {
            try ArchiveMember.writeTar(members, to: path, compression: outerCompression)
        }
    }

    /// The members of the artifact in write order, for tests that tamper with them before
    /// writing with ``ArchiveMember/writeTar(_:to:compression:)``.
    public static func members(images: [ImageBuilder], format: Format, layerCompression: Compression = .none) throws -> [ArchiveMember] {
        try ArtifactLayout(images: images, layerCompression: layerCompression).members(format: format)
    }
}
