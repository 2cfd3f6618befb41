import Foundation
import Logging
import SpoolscanCore

/// Runs a configured command after each job reaches `done/`, `error/` or `quarantine/`, with the
/// job's notice in its environment (``JobNotice/environment``).
///
/// ``notify(_:)`` returns at once: notices go into a bounded queue served by at most
/// ``NotificationHookConfiguration/maxConcurrent`` hooks at a time, off the caller's path. A
/// hook that cannot start, exits non-zero, times out (its whole process group is killed) or is
/// dropped from a full queue is logged as `HNDL-020` and reported to `onOutcome`; it never
/// blocks or fails the job.
///
/// The command runs without a shell, in its own process group, with stdin and stdout on
/// `/dev/null`, the scanner's scrubbed environment (`PATH`, `LANG`, `LC_ALL`, `TZ`, `TMPDIR`,
/// `SPOOLSCAN_*`) plus the notice's variables. They are set by `/usr/bin/env` in front of the
/// command, so no notice value is ever parsed as a command.
public final class NotificationHook: Sendable {
    public let configuration: NotificationHookConfiguration
    private let queue: AsyncStream<JobNotice>.Continuation
    private let dispatcher: Task<Void, Never>
    private let logger: Logger
    private let onOutcome: (@Sendable (HookOutcome) -> Void)?

    static let envLauncher = "/usr/bin/env"

    public init(_ configuration: NotificationHookConfiguration, logger: Logger,
                onOutcome: (@Sendable (HookOutcome) -> Void)? = nil) {
        self.configuration = configuration
        self.logger = logger
        self.onOutcome = onOutcome
        let (stream, continuation) = AsyncStream.makeStream(of: JobNotice.self,
                                                            bufferingPolicy: .bufferingOldest(configuration.queueLimit))
        queue = continuation
        dispatcher = Task {
            await withTaskGroup(of: Void.self) { group in
                var running = 0
                for await notice in stream {
                    if running >= configuration.maxConcurrent {
                        await group.next()
                        running -= 1
                    }
                    group.addTask {
                        let outcome = await Self.execute(notice, configuration)
                        Self.report(outcome, logger: logger, onOutcome: onOutcome)
                    }
                    running += 1
                }
            }
        }
    }

    /// Queues the hook for `notice` and returns at once.
    public func notify(_ notice: JobNotice) {
        switch queue.yield(notice) {
        case .enqueued: break
        case .dropped(let dropped):
            Self.report(HookOutcome(job: dropped.name, result: .dropped,
                                    detail: "queue full (\(configuration.queueLimit) waiting)", stderrLastLine: "",
                                    durationMs: 0), logger: logger, onOutcome: onOutcome)
        case .terminated:
            Self.report(HookOutcome(job: notice.name, result: .dropped, detail: "notifications already stopped",
                                    stderrLastLine: "", durationMs: 0), logger: logger, onOutcome: onOutcome)
        @unknown default: break
        }
    }

    /// Stops taking notices and waits until every queued and running hook has ended (each is
    /// bounded by the timeout).
    public func finish() async {
        queue.finish()
        await dispatcher.value
    }

    /// Runs the hook once for `notice` and waits for it (the queue is not involved); the outcome
    /// is logged and reported like a queued one.
    public func run(_ notice: JobNotice) async -> HookOutcome {
        let outcome = await Self.execute(notice, configuration)
        Self.report(outcome, logger: logger, onOutcome: onOutcome)
        return outcome
    }

    private static func report(_ outcome: HookOutcome, logger: Logger, onOutcome: (@Sendable (HookOutcome) -> Void)?) {
        if let code = outcome.code {
            logger.warning("\(code.code): \(code.summary)", metadata: [
                "job": "\(outcome.job)", "result": "\(outcome.result.rawValue)", "detail": "\(outcome.detail)",
                "stderr": "\(outcome.stderrLastLine)", "duration_ms": .stringConvertible(outcome.durationMs),
            ])
        } else {
            logger.info("notification hook ran", metadata: ["job": "\(outcome.job)", "duration_ms": .stringConvertible(outcome.durationMs)])
        }
        onOutcome?(outcome)
    }
}
