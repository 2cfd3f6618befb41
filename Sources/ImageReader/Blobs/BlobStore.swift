import SpoolscanCore

/// A small JSON blob (manifest, index, config) kept in memory.
struct MetadataBlob {
    let path: String
    let bytes: [UInt8]
    /// `sha256:` of the bytes.
    let digest: String
}

/// Where the image assemblers get blobs from, by layout path (`manifest.json`,
/// `blobs/sha256/<hex>`, `<id>/layer.tar`): the collected contents of an archive, or a folder.
protocol BlobStore: AnyObject {
    /// The JSON blob at `path`. `SCAN-005` when missing, `SCAN-012` when it is not small JSON.
    /// `role` says what the blob is for (`config`, `manifest`) in error messages.
    func metadata(at path: String, role: String) throws(SpoolscanError) -> MetadataBlob
    /// The layer at `path`, read once (later calls return the same record). `SCAN-005` when
    /// missing, `SCAN-013` when the blob is not a tar.
    func layer(at path: String) throws(SpoolscanError) -> LayerRecord
    /// Whether a blob exists at `path`.
    func contains(_ path: String) -> Bool
}

/// Layout paths of content-addressed blobs (`blobs/sha256/<hex>`).
enum BlobPath {
    /// `blobs/sha256/<hex>` for a `sha256:<hex>` digest; `SCAN-012` for anything else.
    static func path(forDigest digest: String, context: String) throws(SpoolscanError) -> String {
        guard let hex = hex(ofDigest: digest) else {
            throw SpoolscanError(.badManifest, "\(context): unsupported or invalid digest \(EntryPath.quoted(digest))")
        }
        return "blobs/sha256/" + hex
    }

    /// The hex part of a well-formed `sha256:<64 hex>` digest.
    static func hex(ofDigest digest: String) -> String? {
        guard digest.hasPrefix("sha256:") else { return nil }
        let hex = String(digest.dropFirst("sha256:".count))
        return isSHA256Hex(hex) ? hex : nil
    }

    /// The digest a content-addressed path promises (`blobs/sha256/<hex>` → `sha256:<hex>`), if any.
    static func promisedDigest(ofPath path: String) -> String? {
        let parts = path.split(separator: "/")
        guard parts.count == 3, parts[0] == "blobs", parts[1] == "sha256", isSHA256Hex(String(parts[2])) else { return nil }
        return "sha256:" + parts[2]
    }

    /// `SCAN-006` when a content-addressed path does not hold the bytes its name promises.
    static func verify(path: String, digest: String) throws(SpoolscanError) {
        if let promised = promisedDigest(ofPath: path), promised != digest {
            throw SpoolscanError(.digestMismatch, "blob \(path) has digest \(digest)")
        }
    }

    static func isSHA256Hex(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
