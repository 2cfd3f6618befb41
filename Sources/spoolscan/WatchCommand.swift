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
        SIGTERM/SIGINT stop it cleanly.
        """)

    @OptionGroup var options: SpoolOptions
    @OptionGroup var matching: MatchingOptions
    @OptionGroup var policy: PolicyOptions
    @OptionGroup var actions: ActionOptions
    @OptionGroup var queue: QueueOptions

    func run() throws {
        let logger = options.makeLogger()
        do { try matching.checkDatabase() } catch { throw SpoolOptions.fail(error) }
        let rules = try policy.load(spoolPolicy: options.layout.policyFile)
        var config = options.configuration
        let writer: MetricsFileWriter?
        do {
            (config.actions, writer) = try actions.make(layout: options.layout, role: "daemon", logger: logger)
        } catch { throw SpoolOptions.fail(error) }
        let hook = matching.hook(logger: logger, policy: rules)
        let daemon = SpoolDaemon(layout: options.layout, config: config, hook: hook, logger: logger)
        let (queue, shared) = (self.queue, try queue.url())  // --queue: the shared-queue daemon instead
        if shared == nil { try QueueOptions.refuseSharedSpool(options.layout) }
        let code: Int32
        do {
            code = try SpoolOptions.runBlocking {
                writer?.start()
                do {
                    let code = if let shared {
                        try await queue.runDaemon(shared, layout: daemon.layout, config: daemon.config, hook: hook, logger: logger)
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
