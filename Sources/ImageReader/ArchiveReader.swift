#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SpoolscanCore

/// Reads an image artifact (docker-archive, OCI archive or OCI layout folder, optionally
/// gzip/zstd-compressed as a whole) in one streaming pass, feeding every layer's files to the
/// visitors, verifying digests, and assembling each image's final filesystem.
///
/// Nothing is extracted to disk and no layer is held in memory: bytes flow from the file
/// through libarchive (tar and gzip/zstd only) to the visitors' sinks in chunks.
public final class ArchiveReader {
    public let limits: ScanLimits
    /// Read, hash and decompress on threads of their own, overlapping the parsing and the
    /// visitors (memory bounded: a few chunks per stage). On by default with more than one core.
    public var overlap: Bool

    public init(limits: ScanLimits = .standard, overlap: Bool = ProcessInfo.processInfo.activeProcessorCount > 1) {
        self.limits = limits
        self.overlap = overlap
    }

    /// Reads the artifact at `path`. Throws a `SCAN-*` ``SpoolscanError`` on bad input.
    ///
    /// With a `cache` (used only when every visitor is ``LayerResultsRecording``), a layer
    /// stored under its digest (`blobs/sha256/…`) whose analysis is cached is hashed, not read,
    /// and every layer read in full is offered to the cache.
    ///
    /// With ``overlap``, every ``OverlappingVisitor`` runs its own thread for the read; the
    /// thread has ended when this returns or throws.
    public func read(path: String, visitors: [LayerVisitor], cache: LayerAnalysisCache? = nil) throws(SpoolscanError) -> ReadArtifact {
        let overlapping = overlap ? visitors.compactMap { $0 as? OverlappingVisitor } : []
        for visitor in overlapping { visitor.startOverlap() }
        do {
            let artifact = try readStarted(path: path, visitors: visitors, cache: cache)
            for visitor in overlapping { visitor.stopOverlap(finishing: true) }
            return artifact
        } catch {
            for visitor in overlapping { visitor.stopOverlap(finishing: false) }
            throw error
        }
    }

    private func readStarted(path: String, visitors: [LayerVisitor], cache: LayerAnalysisCache?) throws(SpoolscanError) -> ReadArtifact {
        let pipeline = LayerPipeline(caching: LayerCaching(cache: cache, visitors: visitors), overlap: overlap)
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SpoolscanError(.unreadable, "cannot stat \(path): \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            return try readLayoutFolder(path: path, visitors: visitors, pipeline: pipeline)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SpoolscanError(.unreadable, "\(path) is neither a file nor a folder")
        }
        if info.st_size == 0 { throw SpoolscanError(.emptyFile, path) }
        return try readArchiveFile(path: path, visitors: visitors, pipeline: pipeline)
    }

    /// A tar (docker-archive or OCI layout), possibly gzip/zstd-compressed as a whole.
    private func readArchiveFile(path: String, visitors: [LayerVisitor], pipeline: LayerPipeline) throws(SpoolscanError) -> ReadArtifact {
        var pipeline = pipeline
        let budget = ReadBudget(limits: limits)
        let file = HashingByteStream(try FileByteStream(path: path))
        // The artifact's own digest is computed on the reading thread, beside everything else.
        let fileBytes: ByteStream = overlap ? PrefetchingByteStream(file, name: "spoolscan-file") : file
        let peekable = PeekableByteStream(fileBytes)
        let compression = Compression.detect(try peekable.peek(4))
        if compression == .none && pipeline.caching != nil {
            pipeline.promisedDiffIDs = LegacyLayerDiffIDs.read(path: path, limits: limits)
        }
        var tarInput: ByteStream = peekable
        if compression != .none {
            let counted = HashingByteStream(peekable, hashing: false)
            tarInput = try DecompressingByteStream(compressed: counted, compression: compression, budget: budget,
                                                   label: "artifact")
        }
        let outer = try LibarchiveReader(source: tarInput, role: .tar, label: "artifact")
        let collector = ArchiveBlobCollector(limits: limits, budget: budget, visitors: visitors, pipeline: pipeline)
        let contents = try collector.collect(outer)
        try fileBytes.drain()
        let sha256 = String(try file.finishDigest().dropFirst("sha256:".count))

        let store = ArchiveBlobStore(contents: contents, limits: limits, budget: budget, visitors: visitors, pipeline: pipeline)
        let format: String
        let images: [ReadImage]
        if let manifest = store.optionalMetadata(at: "manifest.json") {
            format = "docker-archive"
            images = try DockerManifestAssembler(store: store, limits: limits).assemble(manifest: manifest)
        } else if let index = store.optionalMetadata(at: "index.json") {
            format = "oci-archive"
            images = try OCIIndexAssembler(store: store, limits: limits).assemble(index: index)
        } else if store.contains("manifest.json") || store.contains("index.json") {
            throw SpoolscanError(.badManifest, "manifest.json or index.json is not a JSON document")
        } else {
            throw SpoolscanError(.notAnImage, "tar holds no manifest.json or index.json")
        }
        if images.isEmpty { throw SpoolscanError(.notAnImage, "\(format) lists no images") }
        let suffix = compression == .none ? "" : "+" + compression.rawValue
        return ReadArtifact(path: path, sha256: sha256, size: file.count, format: format + suffix, images: images)
    }

    /// An OCI image layout folder: `index.json` and `blobs/sha256/…` read from disk.
    private func readLayoutFolder(path: String, visitors: [LayerVisitor], pipeline: LayerPipeline) throws(SpoolscanError) -> ReadArtifact {
        let budget = ReadBudget(limits: limits)
        let store = DirectoryBlobStore(root: path, limits: limits, budget: budget, visitors: visitors, pipeline: pipeline)
        guard store.contains("index.json") else {
            throw SpoolscanError(.notAnImage, "folder \(path) has no index.json")
        }
        let index = try store.metadata(at: "index.json", role: "index")
        let images = try OCIIndexAssembler(store: store, limits: limits).assemble(index: index)
        if images.isEmpty { throw SpoolscanError(.notAnImage, "index.json of \(path) lists no images") }
        return ReadArtifact(path: path, sha256: String(index.digest.dropFirst("sha256:".count)), size: store.bytesRead,
                            format: "oci-layout", images: images)
    }
}
