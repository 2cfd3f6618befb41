import Foundation
import Logging
import ScanReport
import SpoolscanCore

/// Writes the spool's metrics file for node_exporter's textfile collector: rendered by
/// ``MetricsRenderer``, written to a temporary dot-file in the same folder and renamed over
/// `path` (the collector reads only `*.prom` files and never sees a partial one). The file is
/// created with mode 0644 less the process umask.
///
/// ``start()`` keeps it current: a loop that writes within ``minInterval`` of each change to
/// ``metrics`` and at least every ``cadence`` (the folder gauges and the database age change
/// without any job finishing). A failed write is logged with `HNDL-021` and tried again on the
/// next round; scanning never waits for it.
public final class MetricsFileWriter: @unchecked Sendable {
    public let path: String
    public let metrics: SpoolMetrics
    public let layout: SpoolLayout?
    public let constantLabels: [(String, String)]
    public let minInterval: Duration
    public let cadence: Duration
    private let logger: Logger
    private let lock = NSLock()
    private var loop: Task<Void, Never>?

    /// - Parameters:
    ///   - layout: the spool whose folders and slots are counted; nil leaves those gauges out.
    ///   - constantLabels: labels on every sample, e.g. `[("role", "daemon")]` so that a daemon and
    ///     a sweep writing separate files never produce the same series.
    public init(path: String, metrics: SpoolMetrics, layout: SpoolLayout?, constantLabels: [(String, String)] = [],
                minInterval: Duration = .seconds(1), cadence: Duration = .seconds(15), logger: Logger) {
        self.path = path
        self.metrics = metrics
        self.layout = layout
        self.constantLabels = constantLabels
        self.minInterval = minInterval
        self.cadence = cadence
        self.logger = logger
    }

    /// Renders and writes the file now. Throws `HNDL-021` when it cannot be written.
    @discardableResult
    public func writeNow(now: Double = Date().timeIntervalSince1970) throws -> MetricsSnapshot {
        try lock.withLock {
            let snapshot = metrics.snapshot()
            let gauges = layout.flatMap { try? SpoolGauges.collect($0) }
            let text = MetricsRenderer.render(snapshot, gauges: gauges, now: now, constantLabels: constantLabels)
            do {
                try ReportCodec.writeAtomically(Data(text.utf8), to: path)
            } catch {
                throw SpoolscanError(.metricsFileNotWritten, "\(path): \(error)")
            }
            return snapshot
        }
    }

    /// Starts the loop that keeps the file current (a second call does nothing).
    public func start() {
        lock.withLock {
            guard loop == nil else { return }
            loop = Task { [self] in
                var written = -1
                var lastWrite = ContinuousClock.now
                while !Task.isCancelled {
                    let version = metrics.snapshot().version
                    if version != written || ContinuousClock.now - lastWrite >= cadence {
                        do {
                            written = try writeNow().version
                        } catch {
                            logger.warning("\(error)")
                        }
                        lastWrite = ContinuousClock.now
                    }
                    try? await Task.sleep(for: minInterval)
                }
            }
        }
    }

    /// Stops the loop and writes the file a last time.
    public func stop() async {
        let running = lock.withLock { () -> Task<Void, Never>? in defer { loop = nil }; return loop }
        running?.cancel()
        await running?.value
        do { try writeNow() } catch { logger.warning("\(error)") }
    }
}
