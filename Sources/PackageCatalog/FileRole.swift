import ImageReader

/// Why the cataloguer wants a file, decided from its path (and mode) alone.
enum FileRole: Sendable, Equatable {
    case releaseFile, dpkgStatus, dpkgStatusDirectory, dpkgCopyright, apk, rpmSQLite
    case python, npm, javaArchive, gem, composer
    /// An executable that may be an ELF binary (Go build info, cargo-auditable data).
    case binaryCandidate

    /// The role of a regular file, or nil when no cataloguer reads it.
    static func of(_ entry: LayerEntry) -> FileRole? {
        let path = entry.path
        if OSDetector.releasePaths.contains(path) { return .releaseFile }
        if path == DpkgCataloguer.statusPath { return .dpkgStatus }
        if path == ApkCataloguer.path { return .apk }
        if RpmCataloguer.sqlitePaths.contains(path) { return .rpmSQLite }
        if DpkgCataloguer.isStatusDirectoryFile(path) { return .dpkgStatusDirectory }
        if path.hasPrefix("usr/share/doc/"), DpkgCopyright.packageName(ofCopyrightPath: path) != nil { return .dpkgCopyright }
        if PythonCataloguer.isMetadataPath(path) { return .python }
        if NpmCataloguer.isInstalledManifest(path) { return .npm }
        if JavaArchiveCataloguer.isArchivePath(path) { return .javaArchive }
        if GemspecCataloguer.isSpecification(path) { return .gem }
        if ComposerCataloguer.isInstalledJSON(path) { return .composer }
        if entry.mode & 0o111 != 0, entry.size >= 64 { return .binaryCandidate }
        return nil
    }

    /// The most bytes of such a file kept in memory (`general` is the scan limit).
    func cap(general: Int) -> Int {
        switch self {
        case .releaseFile: return min(general, 64 << 10)
        case .dpkgCopyright: return min(general, 1 << 20)
        default: return general
        }
    }
}
