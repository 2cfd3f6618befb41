import ScanReport

/// What the cataloguer found in one image's final filesystem.
public struct CatalogueResult: Sendable, Equatable {
    /// The operating system, when a release file (or a distroless dpkg folder) tells.
    public var os: OSInfo?
    /// Packages sorted by type, name, version and path.
    public var packages: [Package]
    /// Package files that were skipped (malformed, too large), one line each, `path: reason`.
    public var warnings: [String]

    public init(os: OSInfo?, packages: [Package], warnings: [String]) {
        self.os = os; self.packages = packages; self.warnings = warnings
    }
}
