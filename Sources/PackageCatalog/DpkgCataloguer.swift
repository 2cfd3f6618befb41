import ScanReport

/// dpkg databases: `var/lib/dpkg/status` and distroless `var/lib/dpkg/status.d/*`.
public enum DpkgCataloguer {
    static let statusPath = "var/lib/dpkg/status"
    static let statusDirectory = "var/lib/dpkg/status.d"
    private static let fields: Set<String> = ["Package", "Status", "Version", "Architecture", "Source"]

    /// Parses a dpkg status file. With `requireInstalled` (the `status` file), only paragraphs
    /// whose `Status` ends in `installed` (`install ok installed`, `hold ok installed`) count;
    /// distroless `status.d` files carry no `Status` and every paragraph counts.
    ///
    /// `sourceName`/`sourceVersion` come from `Source: name (version)`; without `Source` the
    /// source is the binary package itself (Debian policy), so they repeat name and version.
    public static func parse(_ bytes: [UInt8], requireInstalled: Bool = true) -> [PackageRecord] {
        var records: [PackageRecord] = []
        for paragraph in ControlFields.parse(bytes, keep: fields) {
            guard let name = paragraph["Package"], let version = paragraph["Version"],
                  !name.isEmpty, !version.isEmpty else { continue }
            if let status = paragraph["Status"] {
                guard status.split(separator: " ").last == "installed" else { continue }
            } else if requireInstalled {
                continue
            }
            var sourceName = name
            var sourceVersion = version
            if let source = paragraph["Source"], !source.isEmpty {
                if let open = source.firstIndex(of: "("), let close = source.lastIndex(of: ")"), open < close {
                    sourceName = ControlFields.trim(source[..<open])
                    sourceVersion = ControlFields.trim(source[source.index(after: open)..<close])
                } else {
                    sourceName = source
                }
            }
            records.append(PackageRecord(name: name, version: version, type: .deb, sourceName: sourceName,
                                         sourceVersion: sourceVersion, arch: paragraph["Architecture"]))
        }
        return records
    }

    /// True for a distroless per-package status file (`status.d/NAME`, not its `.md5sums`).
    static func isStatusDirectoryFile(_ path: String) -> Bool {
        guard path.hasPrefix(statusDirectory + "/") else { return false }
        let name = path.dropFirst(statusDirectory.count + 1)
        return !name.isEmpty && !name.contains("/") && !name.hasSuffix(".md5sums")
    }
}
