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

    func run() throws {
        let logger = options.makeLogger()
        do { try matching.checkDatabase() } catch { throw SpoolOptions.fail(error) }
        let rules = try policy.load(spoolPolicy: options.layout.policyFile)
        let daemon = SpoolDaemon(layout: options.layout, config: options.configuration, hook: matching.hook(logger: logger, policy: rules), logger: logger)
        let code: Int32
        do {
            code = try SpoolOptions.runBlocking { try await daemon.run() }
        } catch {
            throw SpoolOptions.fail(error)
        }
        if code != 0 { throw ExitCode(code) }
    }
}
