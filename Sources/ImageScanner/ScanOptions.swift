import Detectors
import Foundation
import ImageReader
import PackageCatalog
import SpoolscanCore

/// What a scan does: limits, which detectors run, which advisory database matches.
public struct ScanOptions: Sendable {
    public var limits: ScanLimits
    /// Inventory packages (on by default).
    public var catalogue: Bool
    /// Secret, malware and misconfiguration detection; nil turns all detectors off.
    public var detectors: DetectorOptions?
    /// Advisory database to match against; nil scans without vulnerability matching.
    public var databasePath: String?
    /// A database older than this many days puts a `DB-004` warning into every report.
    public var maxDatabaseAgeDays: Int
    /// Layer cache to read and fill; nil scans every layer afresh.
    public var cache: LayerCacheSettings?
    /// Read, hash and decompress on threads of their own beside the parsing and the visitors.
    /// On by default with more than one core; `SPOOLSCAN_OVERLAP=0` turns it off (to compare).
    public var overlap: Bool = ProcessInfo.processInfo.activeProcessorCount > 1
        && ProcessInfo.processInfo.environment["SPOOLSCAN_OVERLAP"] != "0"

    public init(limits: ScanLimits = .standard, catalogue: Bool = true, detectors: DetectorOptions? = DetectorOptions(),
                databasePath: String? = nil, maxDatabaseAgeDays: Int = 7, cache: LayerCacheSettings? = nil) {
        self.limits = limits
        self.catalogue = catalogue
        self.detectors = detectors
        self.databasePath = databasePath
        self.maxDatabaseAgeDays = maxDatabaseAgeDays
        self.cache = cache
    }

    /// Fresh contributors for one scan, in the order they add to the report.
    func makeContributors() throws(SpoolscanError) -> [ScanContributor] {
        var contributors: [ScanContributor] = []
        if catalogue { contributors.append(CatalogContributor(cataloguer: PackageCataloguer(limits: limits))) }
        if let detectors { contributors.append(DetectorContributor(suite: try DetectorSuite(options: detectors))) }
        return contributors
    }
}
