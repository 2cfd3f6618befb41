import ArgumentParser
import Dispatch
import Foundation
import Settings

/// The operator settings of `watch` and `sweep` as flags. Each flag is optional: a flag that is
/// given wins over `SPOOLSCAN_*` variables and the settings file (`--config`), which win over
/// the defaults shown here (see ``SpoolSettings``).
struct SpoolOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Settings file (YAML; see README, \"Configuration\").",
                               discussion: "Default: $SPOOLSCAN_CONFIG, else /etc/spoolscan/spoolscan.yaml when it exists.",
                               valueName: "file"))
    var config: String?

    @Option(help: "The spool folder (with pending/, in-progress/, parsing/, done/, error/; default ./spool).")
    var spool: String?

    @Option(help: "Scanner processes run at once (default: number of cores).")
    var workers: Int?

    @Option(help: "Per-attempt scan time limit in seconds (default 600).")
    var timeoutSeconds: Double?

    @Option(help: "Memory limit of each scanner process in MiB (default 2048).")
    var memoryLimitMb: Int?

    @Option(help: "How long a file written in place in pending/ must stay unchanged, in ms (default 2000).")
    var settleMs: Int?

    @Option(help: "Full rescan of pending/ every so many seconds (default 60).")
    var rescanSeconds: Double?

    @Option(help: "On SIGTERM/SIGINT, seconds running scans may take to finish before they are stopped (default 30).")
    var graceSeconds: Double?

    @Option(help: "Wait before a failed scan is tried again, in seconds (default 5); doubled after each attempt (a job held for a fault of the host doubles up to 300 s).")
    var retryBackoffSeconds: Double?

    @Option(help: "Scanner command line instead of `spoolscan scan` ({artifact}, {output}, {memory_mb} are replaced).")
    var scannerCommand: String?

    @Flag(inversion: .prefixedNo, help: "Move artifacts whose report's verdict is fail to quarantine/ (with NAME.report.json) instead of done/ (default off).")
    var quarantine: Bool?

    @Option(help: "Also write these formats of each report beside it in done/ and quarantine/, from the same report: cyclonedx (NAME.cdx.json), spdx (NAME.spdx.json), sarif (NAME.sarif); comma-separated.")
    var formats: String?

    @OptionGroup var layerCache: LayerCacheOptions

    @Option(help: "Log format: text or json (JSON lines; default text).")
    var logFormat: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default info).")
    var logLevel: String?

    /// The flags that were given, as setting values for ``SettingsResolver``.
    var givenSettings: [Setting: SettingValue] {
        var given: [Setting: SettingValue] = [:]
        given[.spool] = spool.map(SettingValue.text)
        given[.workers] = workers.map(SettingValue.integer)
        given[.timeoutSeconds] = timeoutSeconds.map(SettingValue.number)
        given[.memoryLimitMB] = memoryLimitMb.map(SettingValue.integer)
        given[.settleMs] = settleMs.map(SettingValue.integer)
        given[.rescanSeconds] = rescanSeconds.map(SettingValue.number)
        given[.graceSeconds] = graceSeconds.map(SettingValue.number)
        given[.retryBackoffSeconds] = retryBackoffSeconds.map(SettingValue.number)
        given[.scannerCommand] = scannerCommand.map(SettingValue.text)
        given[.quarantine] = quarantine.map(SettingValue.boolean)
        given[.formats] = formats.map { text in
            .list(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
        }
        given[.cache] = layerCache.disabled ? .text("off") : layerCache.path.map(SettingValue.text)
        given[.cacheMaxMB] = layerCache.givenMaxMegabytes.map(SettingValue.integer)
        given[.logFormat] = logFormat.map(SettingValue.text)
        given[.logLevel] = logLevel.map(SettingValue.text)
        return given
    }

    /// Runs async work from a synchronous command and returns its result.
    static func runBlocking<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Prints a spoolscan error the way users see it (one coded line) and turns it into exit status 1.
    static func fail(_ error: any Error) -> ExitCode { ErrorLine.fail(error) }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
