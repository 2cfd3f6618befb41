#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpoolscanCore

/// The blobs of an OCI image layout folder, read from disk when an image needs them.
/// Only `index.json`, `oci-layout` and `blobs/sha256/<hex>` can be named, so a manifest
/// cannot make the reader open anything outside the folder's blob store.
final class DirectoryBlobStore: BlobStore {
    private let root: String
    private let limits: ScanLimits
    private let budget: ReadBudget
    private let visitors: [LayerVisitor]
    private let pipeline: LayerPipeline
    private var layers: [String: LayerRecord] = [:]
    private var nextStreamID = 0
    /// Bytes read from the folder so far (index, manifests, configs, layers).
    private(set) var bytesRead: Int64 = 0

    init(root: String, limits: ScanLimits, budget: ReadBudget, visitors: [LayerVisitor], pipeline: LayerPipeline = .plain) {
        self.root = root
        self.limits = limits
        self.budget = budget
        self.visitors = visitors
        self.pipeline = pipeline
    }

    func contains(_ path: String) -> Bool {
        guard let file = try? filePath(path) else { return false }
        var info = stat()
        return stat(file, &info) == 0
    }

    func metadata(at path: String, role: String) throws(SpoolscanError) -> MetadataBlob {
        let stream = HashingByteStream(try open(path, role: role))
        let bytes = try stream.readAll(cap: limits.maxMetadataBytes,
                                       tooLarge: SpoolscanError(.badManifest, "\(role) \(path) is larger than \(limits.maxMetadataBytes) bytes"))
        let digest = try stream.finishDigest()
        bytesRead += Int64(bytes.count)
        try BlobPath.verify(path: path, digest: digest)
        return MetadataBlob(path: path, bytes: bytes, digest: digest)
    }

    func layer(at path: String) throws(SpoolscanError) -> LayerRecord {
        if let record = layers[path] { return record }
        let file = try open(path, role: "layer")
        let streamID = LayerStreamID(nextStreamID)
        nextStreamID += 1
        let reader = LayerStreamReader(limits: limits, budget: budget, visitors: visitors, pipeline: pipeline)
        switch try reader.read(blob: file, streamID: streamID, label: "layer \(path)",
                               expectedDigest: BlobPath.promisedDigest(ofPath: path)) {
        case .layer(let record):
            bytesRead += record.size
            try BlobPath.verify(path: path, digest: record.digest)
            layers[path] = record
            return record
        case .notALayer(let digest, _, let reason):
            try BlobPath.verify(path: path, digest: digest)
            throw reason
        }
    }

    private func open(_ path: String, role: String) throws(SpoolscanError) -> FileByteStream {
        let file = try filePath(path)
        var info = stat()
        guard stat(file, &info) == 0 else {
            throw SpoolscanError(.missingBlob, "\(role) \(path) is not in the layout folder")
        }
        return try FileByteStream(path: file)
    }

    private func filePath(_ path: String) throws(SpoolscanError) -> String {
        guard ["index.json", "oci-layout"].contains(path) || BlobPath.promisedDigest(ofPath: path) != nil else {
            throw SpoolscanError(.badManifest, "\(EntryPath.quoted(path)) is not a blob path of an OCI layout")
        }
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }
}
