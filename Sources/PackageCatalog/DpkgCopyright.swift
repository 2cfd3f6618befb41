/// Licences from `usr/share/doc/<package>/copyright` when it is machine-readable (DEP-5):
/// the values of its `License:` fields (first line only: the short name), de-duplicated in
/// order of appearance. A free-form copyright file yields none.
public enum DpkgCopyright {
    /// Licence short names declared in a DEP-5 copyright file.
    public static func licenses(_ bytes: [UInt8]) -> [String] {
        let head = bytes.prefix(512)
        guard String(decoding: head, as: UTF8.self).lowercased().contains("format:") else { return [] }
        var seen = Set<String>()
        var out: [String] = []
        for paragraph in ControlFields.parse(bytes, keep: ["License"]) {
            for value in paragraph.all("License") {
                let short = ControlFields.trim(value.split(separator: "\n", maxSplits: 1).first ?? "")
                if !short.isEmpty, short.count <= 200, seen.insert(short).inserted { out.append(short) }
            }
        }
        return out
    }

    /// The package whose doc folder holds `path` (`usr/share/doc/NAME/copyright`), or nil.
    static func packageName(ofCopyrightPath path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "usr", parts[1] == "share", parts[2] == "doc",
              parts[4] == "copyright", !parts[3].isEmpty else { return nil }
        return String(parts[3])
    }
}
