import ArgumentParser
import SharedQueue
import Spool
import SpoolscanCore

/// `spoolscan watch`: the spool daemon.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a spool and scan every artifact dropped into pending/ (the daemon).",
        discussion: """
        Drop artifacts by writing them elsewhere on the same filesystem (spool/tmp/, or a dot-file or \
        *.part in pending/) and renaming them into pending/. One daemon per spool (HNDL-008 otherwise). \
        SIGTERM/SIGINT stop it cleanly. Every setting may also come from a SPOOLSCAN_* variable or the \
        settings file (flag > variable > file > default; README, "Configuration").
        """)

    @OptionGroup var options: SpoolOptions
    @OptionGroup var matching: MatchingOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var actions: ActionOptions
    @OptionGroup var queue: QueueOptions

    func run() throws {
        let worker = try SpoolSettings.worker(options, matching: matching, policy: policy, actions: actions,
                                              queue: queue, role: "daemon")
        let (writer, hook, logger, resolved) = (worker.writer, worker.hook, worker.logger, worker.settings.resolved)
        let daemon = SpoolDaemon(layout: worker.settings.layout, config: worker.config, hook: hook, logger: logger)
        // A queue URL (flag, SPOOLSCAN_QUEUE or the settings file): the shared-queue daemon instead.
        let shared: QueueURL?
        do { shared = try resolved.queueURL.map { text throws(SpoolscanError) in try QueueURL(text) } } catch { throw SpoolOptions.fail(error) }
        if shared == nil { try QueueOptions.refuseSharedSpool(daemon.layout) }
        let code: Int32
        do {
            code = try SpoolOptions.runBlocking {
                writer?.start()
                do {
                    let code = if let shared {
                        try await QueueOptions.runDaemon(shared, leaseSeconds: resolved.leaseSeconds, hostName: resolved.hostName,
                                                         layout: daemon.layout, config: daemon.config, hook: hook, logger: logger)
                    } else { try await daemon.run() }
                    await writer?.stop()
                    return code
                } catch {
                    await writer?.stop()
                    throw error
                }
            }
        } catch {
            throw SpoolOptions.fail(error)
        }
        if code != 0 { throw ExitCode(code) }
    }
}
