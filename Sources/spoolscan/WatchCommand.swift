import ArgumentParser
import Spool

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

    func run() throws {
        let worker = try SpoolSettings.worker(options, matching: matching, policy: policy, actions: actions, role: "daemon")
        let writer = worker.writer
        let daemon = SpoolDaemon(layout: worker.settings.layout, config: worker.config, hook: worker.hook, logger: worker.logger)
        let code: Int32
        do {
            code = try SpoolOptions.runBlocking {
                writer?.start()
                do {
                    let code = try await daemon.run()
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
