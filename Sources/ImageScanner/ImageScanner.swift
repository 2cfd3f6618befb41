import Advisories
import Foundation
import ImageReader
import LayerCache
import ScanReport
import SpoolscanCore

/// Scans one artifact: reads it once, streaming every layer past the contributors'
/// visitors, then builds one `ImageReport` per image and lets each contributor add to it.
public final class ImageScanner {
    public let options: ScanOptions
    /// How the last ``scan(path:)`` used the layer cache (nil without one).
    public private(set) var lastCacheUse: LayerCacheUse?

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
        let reader = ArchiveReader(limits: options.limits, overlap: options.overlap)
        let visitors = contributors.flatMap(\.visitors)
        let cache = options.cache.map {
            SQLiteLayerCache(path: $0.path, maxBytes: $0.maxBytes, analyser: analyserKey(contributors, visitors: visitors))
        }
        let artifact = try reader.read(path: path, visitors: visitors, cache: cache)
        lastCacheUse = cache?.use
        var warnings: [ReportWarning] = []
        for problem in cache?.problems ?? [] {
            warnings.add(ReportWarning(.layerCacheUnusable, problem + "; the scan went on without the cache"))
        }
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

    /// The key of this scan's layer analyses: spoolscan's version and build (the running
    /// executable's size and modification time, so a rebuilt or upgraded binary starts afresh),
    /// the limits, each visitor's saved form and each contributor's rules and options. Any
    /// change makes the cache miss.
    func analyserKey(_ contributors: [ScanContributor], visitors: [LayerVisitor]) -> String {
        var executable = stat()
        let build = stat("/proc/self/exe", &executable) == 0
            ? "\(executable.st_size) \(executable.st_mtim.tv_sec).\(executable.st_mtim.tv_nsec)" : "unknown build"
        var lines = ["spoolscan " + SpoolscanVersion.string, build, String(describing: options.limits)]
        lines += visitors.map { ($0 as? LayerResultsRecording)?.resultsFormat ?? String(describing: type(of: $0)) }
        lines += contributors.map(\.resultsFingerprint)
        return SHA256Hasher.hex(Array(lines.joined(separator: "\n").utf8))
    }
}
