import Foundation
import ScanReport

/// What the metrics count since the process started (counters reset on restart, which
/// Prometheus' `rate()` and `increase()` handle).
public struct MetricsSnapshot: Sendable, Equatable {
    /// A finished job's result (`done`, `error`, `quarantine`) and error code (`""` without one).
    public struct FinishedKey: Hashable, Sendable {
        public var result: String
        public var code: String
    }

    public var finished: [FinishedKey: Int] = [:]
    public var scanDurations = DurationHistogram()
    /// Active findings of finished reports, per kind and severity.
    public var findings: [FindingCounts.Key: Int] = [:]
    /// Verdicts of finished jobs: `pass`, `fail`, `none`.
    public var verdicts: [String: Int] = ["pass": 0, "fail": 0, "none": 0]
    /// Notification hook runs per result.
    public var hookRuns: [HookOutcome.Result: Int] = [:]
    /// When the newest advisory database seen was built (seconds since the epoch).
    public var databaseBuiltAt: Double?
    /// Bumped on every change; the writer compares it to know when to write.
    public var version = 0
}

/// The counters the worker updates as jobs finish; ``MetricsFileWriter`` renders them.
/// Every method takes a lock for a moment and returns: safe to call from any thread or task.
public final class SpoolMetrics: @unchecked Sendable {
    private let lock = NSLock()
    private var state = MetricsSnapshot()

    public init(scanDurationBounds: [Double] = DurationHistogram.scanDurationBounds) {
        state.scanDurations = DurationHistogram(bounds: scanDurationBounds)
    }

    /// Counts one finished job: its result and code, its scan duration, its findings, its
    /// verdict, and the build time of the database its report was matched against.
    public func recordFinished(_ notice: JobNotice) {
        lock.withLock {
            state.finished[.init(result: notice.state.rawValue, code: notice.errorCode ?? ""), default: 0] += 1
            if let ms = notice.scanDurationMs { state.scanDurations.observe(Double(ms) / 1000) }
            for (key, count) in notice.findings.table { state.findings[key, default: 0] += count }
            state.verdicts[notice.verdict, default: 0] += 1
            if let built = notice.databaseBuiltAt.flatMap(RFC3339.seconds) {
                state.databaseBuiltAt = max(state.databaseBuiltAt ?? built, built)
            }
            state.version += 1
        }
    }

    /// Counts one notification hook run.
    public func recordHook(_ outcome: HookOutcome) {
        lock.withLock {
            state.hookRuns[outcome.result, default: 0] += 1
            state.version += 1
        }
    }

    /// Sets the advisory database's build time (e.g. read from the database at start).
    public func setDatabaseBuiltAt(_ secondsSinceEpoch: Double?) {
        lock.withLock {
            state.databaseBuiltAt = secondsSinceEpoch
            state.version += 1
        }
    }

    /// A copy of the counters.
    public func snapshot() -> MetricsSnapshot { lock.withLock { state } }
}

/// RFC 3339 timestamps as written in reports and error records.
enum RFC3339 {
    /// Seconds since the epoch, or nil when `text` is not an RFC 3339 date-time.
    static func seconds(_ text: String) -> Double? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date.timeIntervalSince1970 }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        return plain.date(from: text)?.timeIntervalSince1970
    }
}
