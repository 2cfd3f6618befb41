import Advisories
import ReportFormats
import ScanReport
import SpoolscanCore

extension ImageScanner {
    /// Scans an SBOM instead of an image: reads the CycloneDX or SPDX JSON document at `path`,
    /// turns its components' purls into packages, and matches them against the advisory database
    /// of ``ScanOptions/databasePath`` exactly as an image's inventory is matched. The report has
    /// one image entry (the SBOM's subject) with no layers, secrets, malware or misconfigurations.
    /// Throws `RPT-001`/`RPT-002` for an SBOM spoolscan cannot read.
    public func scan(sbomPath path: String) throws(SpoolscanError) -> Report {
        let matcher = try options.databasePath.map { path throws(SpoolscanError) in
            VulnerabilityMatcher(database: try AdvisoryDatabase(path: path))
        }
        let (inventory, data) = try SBOMReader.read(path: path)
        var report = inventory.report(path: path, sha256: SHA256Hasher.hex(data), size: Int64(data.count),
                                      createdAt: Timestamp.now())
        if let matcher {
            try matcher.match(&report, maxAgeDays: options.maxDatabaseAgeDays)
        } else {
            report.warnings.add(.noDatabase)
        }
        return report
    }
}
