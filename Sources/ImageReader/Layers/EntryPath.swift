import SpoolscanCore

/// Normalises paths found in tar headers: no leading `./`, no trailing `/`, no `.` or empty
/// components, `..` resolved lexically — and never above the root.
enum EntryPath {
    /// Normalises a layer entry's path. `""` is the layer root. Throws `SCAN-007` for an
    /// absolute path or a `..` that climbs above the root.
    static func normalizeLayerPath(_ raw: String, label: String) throws(SpoolscanError) -> String {
        if raw.hasPrefix("/") {
            throw SpoolscanError(.unsafePath, "\(label): absolute entry path \(quoted(raw))")
        }
        guard let path = resolve(raw) else {
            throw SpoolscanError(.unsafePath, "\(label): entry path \(quoted(raw)) escapes the layer root")
        }
        return path
    }

    /// Normalises a hard link's target: absolute targets are taken relative to the layer root
    /// (some builders write them); a `..` above the root throws `SCAN-007`.
    static func normalizeHardLinkTarget(_ raw: String, label: String) throws(SpoolscanError) -> String {
        guard let path = resolve(raw), !path.isEmpty else {
            throw SpoolscanError(.unsafePath, "\(label): hard link target \(quoted(raw)) escapes the layer root")
        }
        return path
    }

    /// Normalises a member name of the outer archive (only ever used as a lookup key):
    /// a `..` above the root is dropped rather than rejected.
    static func archiveKey(_ raw: String) -> String {
        resolve(raw, clampAtRoot: true) ?? ""
    }

    /// Joins a symlink in the outer archive with its (relative or absolute) target.
    static func archiveKey(symlinkAt path: String, target: String) -> String {
        if target.hasPrefix("/") { return archiveKey(target) }
        let parent = path.split(separator: "/").dropLast().joined(separator: "/")
        return archiveKey(parent.isEmpty ? target : parent + "/" + target)
    }

    /// Lexical resolution; nil when `..` climbs above the root (unless clamped).
    private static func resolve(_ raw: String, clampAtRoot: Bool = false) -> String? {
        var parts: [Substring] = []
        for component in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                if parts.isEmpty {
                    if clampAtRoot { continue }
                    return nil
                }
                parts.removeLast()
                continue
            }
            parts.append(component)
        }
        return parts.joined(separator: "/")
    }

    /// A path shortened for a one-line error message.
    static func quoted(_ path: String) -> String {
        path.utf8.count <= 120 ? "\"\(path)\"" : "\"\(path.prefix(100))…\" (\(path.utf8.count) bytes)"
    }
}
