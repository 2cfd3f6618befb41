/// The package types spoolscan inventories (the purl type follows in parentheses where it differs).
public enum PackageType: String, Codable, Sendable, CaseIterable {
    case deb, apk, rpm
    case pypi, npm, maven, golang, cargo, gem, composer
}

/// One installed package.
public struct Package: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var type: PackageType
    /// Package URL (`pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12`).
    public var purl: String
    /// Source package name (dpkg `Source:`, apk origin, rpm source rpm name) where the format has one.
    public var sourceName: String?
    /// Source package version where it differs or is recorded.
    public var sourceVersion: String?
    /// Architecture where recorded.
    public var arch: String?
    /// Paths (in the image, without leading `/`) where the package was found.
    public var paths: [String]
    /// Declared licences, as written.
    public var licenses: [String]
    /// The layer that introduced it.
    public var layer: LayerRef

    public init(name: String, version: String, type: PackageType, purl: String,
                sourceName: String? = nil, sourceVersion: String? = nil, arch: String? = nil,
                paths: [String], licenses: [String] = [], layer: LayerRef) {
        self.name = name; self.version = version; self.type = type; self.purl = purl
        self.sourceName = sourceName; self.sourceVersion = sourceVersion; self.arch = arch
        self.paths = paths; self.licenses = licenses; self.layer = layer
    }
}
