import ImageReader
import ScanReport
import SpoolscanCore

/// Catalogues OS and language packages while layers stream past, then reports, per image,
/// what that image's final filesystem holds.
///
/// While reading (archive order, before the manifest is known) it captures the files it needs,
/// keyed by layer stream and path: small metadata files are parsed as soon as they end and only
/// the parsed packages are kept; executables are dropped after their first bytes unless they
/// are ELF, Go build info is found as the bytes stream, and ELF files are buffered up to
/// ``ScanLimits/maxCapturedFileBytes`` for the cargo-auditable section. A whole layer is
/// never held. ``catalogue(image:)`` then keeps only files the image's final view shows from
/// the layer that wrote them.
///
/// Not thread-safe: the reader calls it from one thread, and `catalogue` runs after reading.
public final class PackageCataloguer: LayerVisitor {
    struct FileKey: Hashable {
        let stream: LayerStreamID
        let path: String
    }

    enum Captured {
        case raw([UInt8])
        case records([PackageRecord])
        case licenses([String])
    }

    let limits: ScanLimits
    var captured: [FileKey: Captured] = [:]
    var fileWarnings: [FileKey: [String]] = [:]
    var streams: Set<LayerStreamID> = []

    /// A cataloguer bounded by `limits` (the per-file capture cap).
    public init(limits: ScanLimits = .standard) {
        self.limits = limits
    }

    /// Records that `layer` was read (``catalogue(image:)`` checks every image layer was).
    public func beginLayer(_ layer: LayerStreamID) {
        streams.insert(layer)
    }

    /// A sink for a file some cataloguer reads (by path, or any executable for the ELF
    /// checks), nil for every other file. Files over the cap are skipped with a warning.
    public func visitFile(_ entry: LayerEntry, layer: LayerStreamID) -> FileSink? {
        guard let role = FileRole.of(entry) else { return nil }
        let key = FileKey(stream: layer, path: entry.path)
        // A later entry of the same path in the same layer replaces an earlier one.
        captured[key] = nil
        fileWarnings[key] = nil
        if role == .binaryCandidate {
            return BinarySink(cap: limits.maxCapturedFileBytes, maxModInfo: limits.maxMetadataBytes,
                              expectedSize: entry.size) { [weak self] records, warning in
                if let records, !records.isEmpty { self?.captured[key] = .records(records) }
                if let warning { self?.warn(key, warning) }
            }
        }
        let cap = role.cap(general: limits.maxCapturedFileBytes)
        if entry.size > Int64(cap) {
            if role != .dpkgCopyright { warn(key, "larger than \(cap) bytes; not catalogued") }
            return nil
        }
        return CapturingSink(cap: cap, expectedSize: entry.size) { [weak self] bytes, complete in
            guard complete else {
                if role != .dpkgCopyright { self?.warn(key, "larger than \(cap) bytes or unreadable; not catalogued") }
                return
            }
            self?.take(bytes, role: role, key: key)
        }
    }

    func warn(_ key: FileKey, _ message: String) {
        fileWarnings[key, default: []].append(message)
    }

    /// Parses a captured file and keeps what its role needs.
    private func take(_ bytes: [UInt8], role: FileRole, key: FileKey) {
        switch role {
        case .releaseFile:
            captured[key] = .raw(bytes)
        case .dpkgCopyright:
            let licenses = DpkgCopyright.licenses(bytes)
            if !licenses.isEmpty { captured[key] = .licenses(licenses) }
        case .dpkgStatus, .dpkgStatusDirectory:
            let records = DpkgCataloguer.parse(bytes, requireInstalled: role == .dpkgStatus)
            if records.isEmpty && !bytes.isEmpty && role == .dpkgStatus { warn(key, "no installed packages found in dpkg status") }
            captured[key] = .records(records)
        case .apk:
            captured[key] = .records(ApkCataloguer.parse(bytes))
        case .rpmSQLite, .rpmBerkeleyDB:
            do {
                let result = role == .rpmSQLite ? try RpmCataloguer.parse(sqlite: bytes) : try RpmCataloguer.parse(berkeleyDB: bytes)
                captured[key] = .records(result.records)
                result.warnings.forEach { warn(key, $0) }
            } catch {
                warn(key, "unreadable rpm database (\(error))")
            }
        case .python:
            keep(PythonCataloguer.parse(bytes).map { [$0] }, key: key, what: "Python metadata")
        case .npm:
            keep(NpmCataloguer.parse(bytes).map { [$0] }, key: key, what: "npm package.json")
        case .gem:
            keep(GemspecCataloguer.parse(bytes).map { [$0] }, key: key, what: "gem specification")
        case .composer:
            keep(ComposerCataloguer.parse(bytes), key: key, what: "Composer installed.json")
        case .javaArchive:
            var javaLimits = JavaArchiveCataloguer.Limits()
            javaLimits.maxExpandedBytes = max(limits.maxCapturedFileBytes, 1 << 20)
            javaLimits.maxMetadataBytes = min(javaLimits.maxMetadataBytes, limits.maxMetadataBytes)
            let result = JavaArchiveCataloguer.parse(bytes, fileName: String(key.path.split(separator: "/").last ?? ""),
                                                     limits: javaLimits)
            if !result.records.isEmpty { captured[key] = .records(result.records) }
            result.warnings.forEach { warn(key, $0) }
        case .binaryCandidate:
            break
        }
    }

    private func keep(_ records: [PackageRecord]?, key: FileKey, what: String) {
        guard let records else { return warn(key, "malformed \(what); skipped") }
        captured[key] = .records(records)
    }
}
