import Logging
import SpoolscanCore

/// What the spool does once a job is finished, in one call: the notification hook is queued
/// and the metrics count the job. ``jobFinished(layout:state:name:)`` reads the job's record and
/// returns without waiting for the hook.
public final class FinishedJobActions: Sendable {
    public let hook: NotificationHook?
    public let metrics: SpoolMetrics?
    private let logger: Logger

    /// - Parameters:
    ///   - hook: the notification hook's settings; nil runs no hook.
    ///   - metrics: the counters to update (hook runs are counted there too); nil counts nothing.
    public init(hook configuration: NotificationHookConfiguration?, metrics: SpoolMetrics?, logger: Logger) {
        self.metrics = metrics
        self.logger = logger
        hook = configuration.map { configuration in
            NotificationHook(configuration, logger: logger, onOutcome: { outcome in metrics?.recordHook(outcome) })
        }
    }

    /// For a job just moved to `SPOOL/STATE/NAME`: reads its report or error record, counts it
    /// and queues the hook. A record that cannot be read is logged (`HNDL-001`) and nothing else
    /// happens; the job is finished either way.
    public func jobFinished(layout: SpoolLayout, state: JobNotice.State, name: String) {
        do {
            jobFinished(try JobNotice.read(layout: layout, state: state, name: name))
        } catch {
            logger.warning("no notice for a finished job", metadata: ["job": "\(name)", "state": "\(state.rawValue)",
                                                                      "error": "\(error)"])
        }
    }

    /// Counts `notice` and queues the hook for it.
    public func jobFinished(_ notice: JobNotice) {
        metrics?.recordFinished(notice)
        hook?.notify(notice)
    }

    /// Waits for queued and running hooks (at shutdown, or at the end of a sweep).
    public func finish() async {
        await hook?.finish()
    }
}
