import CArchive
import SpoolscanCore

/// The one pass over an outer archive: small JSON members are kept in memory, every other
/// member is streamed as a layer through the visitors as it comes (docker save writes
/// `manifest.json` last, so nothing is known about the images until the end).
struct ArchiveBlobCollector {
    let limits: ScanLimits
    let budget: ReadBudget
    let visitors: [LayerVisitor]
    let pipeline: LayerPipeline

    /// Members that are metadata by name even when they are not JSON.
    private static let metadataNames: Set<String> = ["manifest.json", "index.json", "oci-layout", "repositories"]
    private static let typeMask: UInt32 = 0o170000
    private static let regularType: UInt32 = 0o100000
    private static let symlinkType: UInt32 = 0o120000

    func collect(_ outer: LibarchiveReader) throws(SpoolscanError) -> ArchiveContents {
        var contents = ArchiveContents()
        var members = 0
        var metadataBytes = 0
        let metadataBudget = limits.maxMetadataBytes * 4
        while let header = try outer.nextHeader() {
            members += 1
            if members > limits.maxEntriesPerLayer {
                throw SpoolscanError(.tooManyEntries, "archive has more than \(limits.maxEntriesPerLayer) members")
            }
            guard let raw = Self.string(archive_entry_pathname_utf8(header)) ?? Self.string(archive_entry_pathname(header)) else { continue }
            if raw.utf8.count > limits.maxPathLength {
                throw SpoolscanError(.nameTooLong, "archive member path of \(raw.utf8.count) bytes")
            }
            let path = EntryPath.archiveKey(raw)
            if let target = Self.string(archive_entry_hardlink_utf8(header)) ?? Self.string(archive_entry_hardlink(header)) {
                contents.aliases[path] = EntryPath.archiveKey(target)
                continue
            }
            let type = UInt32(archive_entry_filetype(header)) & Self.typeMask
            if type == Self.symlinkType, let target = Self.string(archive_entry_symlink_utf8(header)) ?? Self.string(archive_entry_symlink(header)) {
                contents.aliases[path] = EntryPath.archiveKey(symlinkAt: path, target: target)
                continue
            }
            guard type == Self.regularType, !path.isEmpty else { continue }

            let size = Int64(archive_entry_size(header))
            let member = PeekableByteStream(ArchiveEntryByteStream(reader: outer))
            if try isMetadata(path: path, size: size, member: member) {
                let hashed = HashingByteStream(member)
                let bytes = try hashed.readAll(cap: limits.maxMetadataBytes,
                                               tooLarge: SpoolscanError(.badManifest, "\(path) is larger than \(limits.maxMetadataBytes) bytes"))
                metadataBytes += bytes.count
                if metadataBytes > metadataBudget {
                    throw SpoolscanError(.badManifest, "JSON members exceed \(metadataBudget) bytes in total")
                }
                let digest = try hashed.finishDigest()
                try BlobPath.verify(path: path, digest: digest)
                contents.metadata[path] = MetadataBlob(path: path, bytes: bytes, digest: digest)
                continue
            }
            let streamID = LayerStreamID(contents.nextStreamID)
            contents.nextStreamID += 1
            let reader = LayerStreamReader(limits: limits, budget: budget, visitors: visitors, pipeline: pipeline)
            switch try reader.read(blob: member, streamID: streamID, label: "layer \(path)",
                                   expectedDigest: BlobPath.promisedDigest(ofPath: path),
                                   cachedAs: pipeline.promisedDiffIDs[path]) {
            case .layer(let record):
                try BlobPath.verify(path: path, digest: record.digest)
                contents.layers[path] = record
            case .notALayer(let digest, _, let reason):
                try BlobPath.verify(path: path, digest: digest)
                contents.notLayers[path] = reason
            }
        }
        return contents
    }

    /// Small members that start with `{` or `[` (or have a metadata name) are JSON, not layers.
    private func isMetadata(path: String, size: Int64, member: PeekableByteStream) throws(SpoolscanError) -> Bool {
        guard size <= Int64(limits.maxMetadataBytes) else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if Self.metadataNames.contains(path) || name == "VERSION" || size == 0 { return true }
        let prefix = try member.peek(64)
        guard let first = prefix.first(where: { ![0x20, 0x09, 0x0a, 0x0d].contains($0) }) else { return true }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
