import ScanReport

/// One package as a parser found it in one file, before the image context (OS, layer, path)
/// turns it into a report ``ScanReport/Package``.
///
/// Names follow the ecosystem's own convention for advisories (OSV): `group:artifact` for
/// Maven, the module path for Go, `@scope/name` for npm, `vendor/name` for Composer.
public struct PackageRecord: Sendable, Equatable {
    public var name: String
    /// The version as the package database writes it (`1:2.38.1-5+b1`, `2:1.2.3-4.fc40`).
    public var version: String
    public var type: PackageType
    /// Source package name (dpkg `Source:`, apk origin, source rpm name).
    public var sourceName: String?
    /// Source package version where recorded.
    public var sourceVersion: String?
    public var arch: String?
    /// Declared licences, as written.
    public var licenses: [String]
    /// rpm epoch (a purl qualifier; `version` already carries it as `E:`).
    public var epoch: String?
    /// Where inside the file the package was found (a nested jar: `BOOT-INF/lib/a.jar`).
    public var innerPath: String?

    public init(name: String, version: String, type: PackageType, sourceName: String? = nil,
                sourceVersion: String? = nil, arch: String? = nil, licenses: [String] = [],
                epoch: String? = nil, innerPath: String? = nil) {
        self.name = name; self.version = version; self.type = type
        self.sourceName = sourceName; self.sourceVersion = sourceVersion; self.arch = arch
        self.licenses = licenses; self.epoch = epoch; self.innerPath = innerPath
    }

    /// The report package for this record found at `path` (no leading `/`), brought by `layer`,
    /// in an image whose OS is `os` (used for the purl namespace and `distro` qualifier).
    public func package(path: String, layer: LayerRef, os: OSInfo?) -> Package {
        let fullPath = innerPath.map { path + "!/" + $0 } ?? path
        return Package(name: name, version: version, type: type,
                       purl: PackageURL.make(for: self, os: os),
                       sourceName: sourceName, sourceVersion: sourceVersion, arch: arch,
                       paths: [fullPath], licenses: licenses, layer: layer)
    }
}
