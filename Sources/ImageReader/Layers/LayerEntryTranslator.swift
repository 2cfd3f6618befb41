import CArchive
import SpoolscanCore

/// Turns one libarchive header into a ``LayerEntry``: path checks (`SCAN-007`, `SCAN-011`),
/// whiteout recognition, hard-link target normalisation.
struct LayerEntryTranslator {
    let limits: ScanLimits
    let label: String

    private static let typeMask: UInt32 = 0o170000
    private static let regularType: UInt32 = 0o100000
    private static let directoryType: UInt32 = 0o040000
    private static let symlinkType: UInt32 = 0o120000
    private static let whiteoutPrefix = ".wh."
    private static let opaqueMarker = ".wh..wh..opq"
    private static let whiteoutMetaPrefix = ".wh..wh."

    /// The entry, or nil for entries that carry nothing (the root `.`, aufs `.wh..wh.*` metadata).
    func translate(_ entry: OpaquePointer) throws(SpoolscanError) -> LayerEntry? {
        guard let raw = Self.string(archive_entry_pathname_utf8(entry)) ?? Self.string(archive_entry_pathname(entry)) else {
            throw SpoolscanError(.truncated, "\(label): entry without a path")
        }
        try checkLength(raw, what: "path")
        let path = try EntryPath.normalizeLayerPath(raw, label: label)
        if path.isEmpty { return nil }

        let mode = UInt32(archive_entry_perm(entry)) & 0o7777
        let uid = Int(archive_entry_uid(entry))
        let gid = Int(archive_entry_gid(entry))
        let (parent, name) = Self.split(path)

        if name.hasPrefix(Self.whiteoutPrefix) {
            if name == Self.opaqueMarker {
                return LayerEntry(path: parent, kind: .opaqueWhiteout, mode: mode, uid: uid, gid: gid)
            }
            if name.hasPrefix(Self.whiteoutMetaPrefix) { return nil }
            let hidden = String(name.dropFirst(Self.whiteoutPrefix.count))
            if hidden.isEmpty || hidden == "." || hidden == ".." {
                throw SpoolscanError(.unsafePath, "\(label): invalid whiteout \(EntryPath.quoted(raw))")
            }
            let target = parent.isEmpty ? hidden : parent + "/" + hidden
            return LayerEntry(path: target, kind: .whiteout, mode: mode, uid: uid, gid: gid)
        }

        if let rawTarget = Self.string(archive_entry_hardlink_utf8(entry)) ?? Self.string(archive_entry_hardlink(entry)) {
            try checkLength(rawTarget, what: "hard link target")
            let target = try EntryPath.normalizeHardLinkTarget(rawTarget, label: label)
            return LayerEntry(path: path, kind: .hardlink, mode: mode, uid: uid, gid: gid, linkTarget: target)
        }

        switch UInt32(archive_entry_filetype(entry)) & Self.typeMask {
        case Self.regularType:
            let size = archive_entry_size_is_set(entry) != 0 ? Int64(archive_entry_size(entry)) : 0
            return LayerEntry(path: path, kind: .regular, size: max(size, 0), mode: mode, uid: uid, gid: gid)
        case Self.directoryType:
            return LayerEntry(path: path, kind: .directory, mode: mode, uid: uid, gid: gid)
        case Self.symlinkType:
            let target = Self.string(archive_entry_symlink_utf8(entry)) ?? Self.string(archive_entry_symlink(entry)) ?? ""
            try checkLength(target, what: "symlink target")
            return LayerEntry(path: path, kind: .symlink, mode: mode, uid: uid, gid: gid, linkTarget: target)
        default:
            return LayerEntry(path: path, kind: .other, mode: mode, uid: uid, gid: gid)
        }
    }

    /// `SCAN-011` when a path is longer than `maxPathLength` or one component longer than `maxNameLength`.
    private func checkLength(_ path: String, what: String) throws(SpoolscanError) {
        let length = path.utf8.count
        if length > limits.maxPathLength {
            throw SpoolscanError(.nameTooLong, "\(label): \(what) of \(length) bytes (limit \(limits.maxPathLength)): \(EntryPath.quoted(path))")
        }
        for component in path.utf8.split(separator: UInt8(ascii: "/")) where component.count > limits.maxNameLength {
            throw SpoolscanError(.nameTooLong, "\(label): \(what) has a \(component.count)-byte component (limit \(limits.maxNameLength)): \(EntryPath.quoted(path))")
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func split(_ path: String) -> (parent: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }
}
