import ImageReader

/// Why the cataloguer wants a file, decided from its path (and mode) alone.
///
/// Runs for every regular file of every layer, so it looks at the last path component's
/// bytes first and checks the full path only for the few names that can match.
enum FileRole: Sendable, Equatable {
    case releaseFile, dpkgStatus, dpkgStatusDirectory, dpkgCopyright, apk, rpmSQLite, rpmBerkeleyDB
    case python, npm, javaArchive, gem, composer
    /// An executable that may be an ELF binary (Go build info, cargo-auditable data).
    case binaryCandidate

    /// The role of a regular file, or nil when no cataloguer reads it.
    static func of(_ entry: LayerEntry) -> FileRole? {
        if let role = byName(entry.path) { return role }
        return entry.mode & 0o111 != 0 && entry.size >= 64 ? .binaryCandidate : nil
    }

    private static func byName(_ path: String) -> FileRole? {
        let utf8 = path.utf8
        let nameStart = utf8.lastIndex(of: UInt8(ascii: "/")).map { utf8.index(after: $0) } ?? utf8.startIndex
        let name = utf8[nameStart...]
        switch name.last {
        case UInt8(ascii: "e"):  // os-release, *-release, rpmdb.sqlite
            if ends(name, "release") || ends(name, "rpmdb.sqlite") { return slowPath(path) }
        case UInt8(ascii: "t"):  // copyright
            if ends(name, "copyright") { return slowPath(path) }
        case UInt8(ascii: "n"):  // debian_version, package.json, installed.json
            if ends(name, "debian_version") || ends(name, ".json") { return slowPath(path) }
        case UInt8(ascii: "s"):  // status, Packages
            if ends(name, "status") || ends(name, "Packages") { return slowPath(path) }
        case UInt8(ascii: "d"):  // installed
            if ends(name, "installed") { return slowPath(path) }
        case UInt8(ascii: "A"):  // METADATA
            if ends(name, "METADATA") { return slowPath(path) }
        case UInt8(ascii: "O"):  // PKG-INFO, *.egg-info
            if ends(name, "PKG-INFO") { return slowPath(path) }
        case UInt8(ascii: "o"):  // *.egg-info
            if ends(name, ".egg-info") { return slowPath(path) }
        case UInt8(ascii: "c"):  // *.gemspec
            if ends(name, ".gemspec") { return slowPath(path) }
        case UInt8(ascii: "r"), UInt8(ascii: "R"), UInt8(ascii: "i"), UInt8(ascii: "I"):  // .jar .war .ear .jpi .hpi
            if JavaArchiveCataloguer.isArchivePath(path) { return .javaArchive }
        default:
            break
        }
        // Distroless status files have any name; they live in one folder.
        if utf8.starts(with: statusDirectoryPrefix), DpkgCataloguer.isStatusDirectoryFile(path) {
            return .dpkgStatusDirectory
        }
        return nil
    }

    private static let statusDirectoryPrefix = Array((DpkgCataloguer.statusDirectory + "/").utf8)

    /// The full checks, for the few paths whose last component can match.
    private static func slowPath(_ path: String) -> FileRole? {
        if OSDetector.releasePaths.contains(path) { return .releaseFile }
        if path == DpkgCataloguer.statusPath { return .dpkgStatus }
        if path == ApkCataloguer.path { return .apk }
        if RpmCataloguer.sqlitePaths.contains(path) { return .rpmSQLite }
        if RpmCataloguer.berkeleyPaths.contains(path) { return .rpmBerkeleyDB }
        if DpkgCataloguer.isStatusDirectoryFile(path) { return .dpkgStatusDirectory }
        if path.hasPrefix("usr/share/doc/"), DpkgCopyright.packageName(ofCopyrightPath: path) != nil { return .dpkgCopyright }
        if PythonCataloguer.isMetadataPath(path) { return .python }
        if NpmCataloguer.isInstalledManifest(path) { return .npm }
        if GemspecCataloguer.isSpecification(path) { return .gem }
        if ComposerCataloguer.isInstalledJSON(path) { return .composer }
        return nil
    }

    private static func ends(_ name: Substring.UTF8View, _ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        guard name.count >= count else { return false }
        return suffix.withUTF8Buffer { name.suffix(count).elementsEqual($0) }
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
