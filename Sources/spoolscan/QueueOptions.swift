import ArgumentParser
import Foundation
import Logging
import SharedQueue
import ScanReport
import Spool
import SpoolscanCore

/// `--queue`: several hosts working one spool, coordinated by PostgreSQL (`watch`, `status`).
/// On `watch` the three flags are settings (`queue`, `lease_seconds`, `host_name`), resolved with
/// their `SPOOLSCAN_*` variables and the settings file by ``SpoolSettings``.
struct QueueOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "PostgreSQL URL of the job queue shared by several hosts (postgres://user@host/db).",
        discussion: "Also read from SPOOLSCAN_QUEUE. Without it the spool's own single-host queue is used."))
    var queue: String?

    @Option(help: "With --queue: seconds a claimed job stays this host's without a heartbeat; then another host takes it over (default 30).")
    var leaseSeconds: Double?

    @Option(help: "With --queue: this host's name in the queue (default: the machine's host name).")
    var hostName: String?

    /// Refuses (`HNDL-008`) a spool that shared-queue daemons work now: the single-host daemon
    /// and `sweep` would take their running jobs back.
    static func refuseSharedSpool(_ layout: SpoolLayout) throws {
        let hosts = HostLock.activeHosts(layout)
        guard hosts.isEmpty else {
            throw SpoolOptions.fail(SpoolscanError(.spoolLocked, "shared-queue daemons work this spool (\(hosts.joined(separator: ", "))): "
                                                   + "use watch --queue; for the nightly re-check use rematch"))
        }
    }

    /// Runs the shared-queue daemon; logs the claim figures when it stops. A database that does
    /// not answer at start is tried again with a doubling backoff (`HNDL-022` logged once).
    static func runDaemon(_ url: QueueURL, leaseSeconds: Double, hostName: String?, layout: SpoolLayout,
                          config: SpoolConfiguration, hook: @escaping ReportHook, logger: Logger) async throws -> Int32 {
        let host = hostName ?? ProcessInfo.processInfo.hostName
        var delay = 1.0
        var ledger: PostgresLedger?
        while ledger == nil {
            do {
                ledger = try await PostgresLedger(url: url, application: "spoolscan \(host)")
            } catch let error as SpoolscanError where error.code == .queueUnreachable {
                if delay == 1 { logger.error("queue database unreachable at start, retrying", metadata: ["code": "\(error.code.code)", "error": "\(error)"]) }
                try await Task.sleep(for: .seconds(delay))
                delay = min(delay * 2, 30)
            }
        }
        guard let ledger else { return 1 }
        logger.info("queue database ready", metadata: ["queue": "\(url)"])
        let owner = LedgerOwner(host: host, instance: UUID().uuidString.lowercased().prefix(8).description)
        let daemon = SharedSpoolDaemon(layout: layout, config: config, hook: hook, ledger: ledger, owner: owner,
                                       leaseSeconds: leaseSeconds, logger: logger)
        let code = try await daemon.run()
        logger.notice("queue figures", metadata: ["claims": "\(ledger.claimStats.line)", "finishes": "\(ledger.finishStats.line)"])
        return code
    }

    /// `status --queue` (the resolved `queue` setting): prints the shared queue's status from the
    /// database; false when no queue is set.
    static func printStatus(queue: String?, json: Bool) throws -> Bool {
        guard let text = queue, !text.isEmpty else { return false }
        let status: QueueStatus
        do { status = try QueueStatus.collect(try QueueURL(text)) } catch { throw SpoolOptions.fail(error) }
        if json {
            FileHandle.standardOutput.write(try ReportCodec.encode(status))
        } else {
            print(status.text())
        }
        return true
    }
}
