import ArgumentParser
import Foundation
import Settings
import ScanReport
import Spool
import SpoolscanCore

/// `spoolscan status`: what the spool holds and what its workers do.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts per state, the queue, scanner slots and recent errors of a spool.")

    @Option(help: ArgumentHelp("Settings file to take the spool from (default: $SPOOLSCAN_CONFIG, else /etc/spoolscan/spoolscan.yaml when it exists).",
                               valueName: "file"))
    var config: String?

    @Option(help: "The spool folder (default: the `spool` setting, else ./spool).")
    var spool: String?

    @OptionGroup var output: TextOrJSONOption

    @Option(help: "Show the shared queue in this PostgreSQL database instead (also SPOOLSCAN_QUEUE or the settings file's `queue`).")
    var queue: String?

    func run() throws {
        let status: SpoolStatus
        let json: Bool
        do {
            json = try output.isJSON()
            let flags: [Setting: SettingValue?] = [.spool: spool.map(SettingValue.text), .queue: queue.map(SettingValue.text)]
            let settings = try SettingsResolver(flags: flags.compactMapValues { $0 }, configPath: config).resolve()
            if try QueueOptions.printStatus(queue: settings.queueURL, json: json) { return }
            status = try Self.collect(SpoolLayout(root: settings.spool))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw SpoolOptions.fail(error)
        }
        if json {
            FileHandle.standardOutput.write(try ReportCodec.encode(status))
        } else {
            print(status.text())
        }
    }

    /// The spool's status; `HNDL-009` when the spool is not there or cannot be listed. Recent
    /// errors whose message repeats their code (a scanner's `SCAN-001: …` line) show it once.
    static func collect(_ layout: SpoolLayout) throws(SpoolscanError) -> SpoolStatus {
        try SpoolPresence.require(layout.root, folders: JobState.allCases.map(\.rawValue))
        var status = try SpoolStatus.collect(layout)
        for index in status.recentErrors.indices {
            let error = status.recentErrors[index]
            status.recentErrors[index].message = ErrorLine.strip(error.code, from: error.message)
        }
        return status
    }
}
