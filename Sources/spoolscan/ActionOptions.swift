import ArgumentParser
import Foundation
import Logging
import Spool
import SpoolscanCore

/// `--notify-command`, `--notify-timeout-seconds` and `--metrics-file` for `watch` and `sweep` (also settings):
/// what the spool does after each job reaches `done/`, `error/` or `quarantine/`.
struct ActionOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Command run after each job reaches done/, error/ or quarantine/, with the job's notice in its environment (SPOOLSCAN_STATE, SPOOLSCAN_REPORT, SPOOLSCAN_VERDICT, …).",
        discussion: "Split like --scanner-command, run without a shell; its failure is logged (HNDL-020) and never fails the job."))
    var notifyCommand: String?

    @Option(help: "Seconds the notification command may run before its process group is stopped (default 30).")
    var notifyTimeoutSeconds: Double?

    @Option(help: "Write Prometheus text metrics to this file (atomically, for node_exporter's textfile collector).")
    var metricsFile: String?

    /// The finished-job actions (nil when neither a hook nor a metrics file is asked for) and the
    /// metrics writer (nil without a metrics file). `role` labels every metric sample.
    static func make(notifyCommand: String?, notifyTimeoutSeconds: Double, metricsFile: String?,
                     layout: SpoolLayout, role: String, logger: Logger) throws
        -> (actions: FinishedJobActions?, writer: MetricsFileWriter?) {
        let hook = try notifyCommand.map { command in
            try NotificationHookConfiguration(commandLine: command, timeoutSeconds: notifyTimeoutSeconds)
        }
        let metrics = metricsFile == nil ? nil : SpoolMetrics()
        guard hook != nil || metrics != nil else { return (nil, nil) }
        let writer = zip(metricsFile, metrics).map { path, metrics in
            MetricsFileWriter(path: path, metrics: metrics, layout: layout, constantLabels: [("role", role)], logger: logger)
        }
        return (FinishedJobActions(hook: hook, metrics: metrics, logger: logger), writer)
    }
}

private func zip<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
    guard let a, let b else { return nil }
    return (a, b)
}
