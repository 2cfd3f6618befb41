import Foundation
import ScanReport
import SpoolscanCore

/// Re-matches finished reports against the current database without opening the images: each
/// `*.report.json` is decoded, its images' packages matched again, `database` and the stale
/// warning refreshed, and the file replaced atomically.
public struct ReportRematcher: Sendable {
    /// The matcher (and so the database) reports are matched with.
    public let matcher: VulnerabilityMatcher
    /// Age in days after which the database is stale (a warning in each report).
    public let maxAgeDays: Int
    /// Run on each report after it is matched, before it is written (e.g. to decide its verdict again).
    public var afterMatch: (@Sendable (inout Report) -> Void)?

    /// A rematcher using `matcher`; `maxAgeDays` as ``AdvisoryDatabase/staleWarning(maxAgeDays:now:)``.
    public init(matcher: VulnerabilityMatcher, maxAgeDays: Int = 7) {
        self.matcher = matcher
        self.maxAgeDays = maxAgeDays
    }

    /// The outcome: how many reports were rewritten, and one line per report that failed.
    public struct Result: Sendable {
        public var rematched = 0
        public var failures: [String] = []
        /// Packages matched, and the seconds spent matching them (decoding and writing excluded).
        public var packages = 0
        public var matchSeconds = 0.0
        /// CPU seconds of this thread spent matching (wall-clock time inflates on a busy machine).
        public var matchCPUSeconds = 0.0
    }

    /// Re-matches every `*.report.json` directly in `folder`.
    public func rematch(folder: String, now: Date = Date()) throws(SpoolscanError) -> Result {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw SpoolscanError(.spoolInvalid, "\(folder): \(error.localizedDescription)")
        }
        var result = Result()
        for name in names.sorted() where name.hasSuffix(".report.json") && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                var report = try ReportCodec.decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
                let started = DispatchTime.now().uptimeNanoseconds, cpuStarted = Self.threadCPUSeconds()
                try matcher.match(&report, maxAgeDays: maxAgeDays, now: now)
                report.schemaVersion = Report.currentSchemaVersion
                result.matchSeconds += Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
                result.matchCPUSeconds += Self.threadCPUSeconds() - cpuStarted
                afterMatch?(&report)
                result.packages += report.artifact.images.reduce(0) { $0 + $1.packages.count }
                try ReportCodec.writeAtomically(ReportCodec.encode(report), to: path)
                result.rematched += 1
            } catch let error as SpoolscanError where error.code.code.hasPrefix("DB-") {
                throw error
            } catch {
                result.failures.append("\(path): \(error)")
            }
        }
        return result
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
