import ImageReader
import PackageCatalog
import SpoolscanCore

/// What a scan does: limits, which detectors run, which advisory database matches.
public struct ScanOptions: Sendable {
    public var limits: ScanLimits
    /// Inventory packages (on by default).
    public var catalogue: Bool
    /// Advisory database to match against; nil scans without vulnerability matching.
    public var databasePath: String?
    /// A database older than this many days puts a warning into every report.
    public var maxDatabaseAgeDays: Int

    public init(limits: ScanLimits = .standard, catalogue: Bool = true, databasePath: String? = nil,
                maxDatabaseAgeDays: Int = 7) {
        self.limits = limits
        self.catalogue = catalogue
        self.databasePath = databasePath
        self.maxDatabaseAgeDays = maxDatabaseAgeDays
    }

    /// Fresh contributors for one scan, in the order they add to the report.
    func makeContributors() throws -> [ScanContributor] {
        var contributors: [ScanContributor] = []
        if catalogue { contributors.append(CatalogContributor(cataloguer: PackageCataloguer(limits: limits))) }
        return contributors
    }
}
