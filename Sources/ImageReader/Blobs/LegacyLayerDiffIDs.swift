import CArchive
import Foundation
import SpoolscanCore

/// For `docker save` archives before Docker 25, whose layers (`<id>/layer.tar`) come before
/// `manifest.json` and the configs and promise no digest by their names: the diffID each layer
/// path should have, found in a quick pass over the archive's headers (member data is skipped
/// by seeking; only the small JSON members are read). With it a cached layer can be looked up
/// before it is read. Anything odd gives no promise: the real pass reports the errors.
enum LegacyLayerDiffIDs {
    /// Layer member path → the diffID `manifest.json` and the image config give it.
    /// Empty for a compressed file, an archive without legacy layer paths, or any failure.
    static func read(path: String, limits: ScanLimits) -> [String: String] {
        guard let (metadata, aliases) = try? collect(path: path, limits: limits),
              let manifest = metadata["manifest.json"],
              let entries = try? JSONDecoder().decode([DockerManifestEntry].self, from: Data(manifest)) else { return [:] }
        var contents = ArchiveContents()
        contents.aliases = aliases
        var promised: [String: String] = [:]
        var conflicting = Set<String>()
        for entry in entries {
            guard let config = metadata[contents.resolve(EntryPath.archiveKey(entry.Config))],
                  let diffIDs = (try? JSONDecoder().decode(ImageConfig.self, from: Data(config)))?.rootfs?.diff_ids,
                  diffIDs.count == entry.Layers.count else { continue }
            for (layer, diffID) in zip(entry.Layers, diffIDs) where BlobPath.hex(ofDigest: diffID) != nil {
                let key = contents.resolve(EntryPath.archiveKey(layer))
                guard BlobPath.promisedDigest(ofPath: key) == nil else { continue }
                if let earlier = promised[key], earlier != diffID { conflicting.insert(key) }
                promised[key] = diffID
            }
        }
        for key in conflicting { promised[key] = nil }
        return promised
    }

    /// The top-level JSON members' bytes and the member links, by normalised path.
    private static func collect(path: String, limits: ScanLimits) throws(SpoolscanError) -> ([String: [UInt8]], [String: String]) {
        let file = try FileByteStream(path: path)
        let tar = try LibarchiveReader(source: file, role: .tar, label: "artifact")
        var metadata: [String: [UInt8]] = [:]
        var aliases: [String: String] = [:]
        var members = 0
        var metadataBytes = 0
        while let header = try tar.nextHeader() {
            members += 1
            guard members <= limits.maxEntriesPerLayer,
                  let raw = archive_entry_pathname_utf8(header).map({ String(cString: $0) }) ?? archive_entry_pathname(header).map({ String(cString: $0) }),
                  raw.utf8.count <= limits.maxPathLength else { return ([:], [:]) }
            let member = EntryPath.archiveKey(raw)
            if let target = archive_entry_hardlink_utf8(header).map({ String(cString: $0) }) {
                aliases[member] = EntryPath.archiveKey(target)
            } else if let target = archive_entry_symlink_utf8(header).map({ String(cString: $0) }) {
                aliases[member] = EntryPath.archiveKey(symlinkAt: member, target: target)
            } else if member.hasSuffix(".json"), !member.contains("/"), archive_entry_size(header) <= Int64(limits.maxMetadataBytes) {
                let bytes = try ArchiveEntryByteStream(reader: tar).readAll(
                    cap: limits.maxMetadataBytes, tooLarge: SpoolscanError(.badManifest, "\(member) too large"))
                metadataBytes += bytes.count
                guard metadataBytes <= limits.maxMetadataBytes * 4 else { return ([:], [:]) }
                metadata[member] = bytes
            }
        }
        return (metadata, aliases)
    }
}
