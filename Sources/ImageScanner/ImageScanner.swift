import Advisories
import Foundation
import ImageReader
import ScanReport
import SpoolscanCore

/// Scans one artifact: reads it once, streaming every layer past the contributors'
/// visitors, then builds one `ImageReport` per image and lets each contributor add to it.
public final class ImageScanner {
    public let options: ScanOptions

    public init(options: ScanOptions = ScanOptions()) {
        self.options = options
    }

    /// Scans the artifact at `path`. Throws a `SpoolscanError` (a `SCAN-*` code for bad input).
    public func scan(path: String) throws(SpoolscanError) -> Report {
        // Open the database first: a missing or broken database fails before any reading.
        let matcher = try options.databasePath.map { path throws(SpoolscanError) in
            VulnerabilityMatcher(database: try AdvisoryDatabase(path: path))
        }
        let contributors = try options.makeContributors()
        let reader = ArchiveReader(limits: options.limits)
        let artifact = try reader.read(path: path, visitors: contributors.flatMap(\.visitors))
        var warnings: [ReportWarning] = []
        var images: [ImageReport] = []
        for image in artifact.images {
            var report = ImageReportBuilder.baseReport(for: image)
            for contributor in contributors {
                do {
                    try contributor.contribute(to: &report, image: image, warnings: &warnings)
                } catch let error as SpoolscanError {
                    throw error
                } catch {
                    throw SpoolscanError(.internalError, "\(type(of: contributor)): \(error)")
                }
            }
            images.append(report)
        }
        let summary = Artifact(path: path, sha256: artifact.sha256, size: artifact.size,
                               format: artifact.format, images: images)
        var report = Report(createdAt: Timestamp.now(), artifact: summary, warnings: warnings)
        if let matcher {
            try matcher.match(&report, maxAgeDays: options.maxDatabaseAgeDays)
        } else {
            report.warnings.set(.noDatabase)
        }
        return report
    }
}
