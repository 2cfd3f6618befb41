import ArgumentParser
import Dispatch
import Foundation
import Logging
import ReportFormats
import ScanReport
import Spool
import SpoolscanCore

/// Options shared by `watch`, `sweep` and `status`.
struct SpoolOptions: ParsableArguments {
    @Option(help: "The spool folder (with pending/, in-progress/, parsing/, done/, error/).")
    var spool: String = "./spool"

    @Option(help: "Scanner processes run at once (default: number of cores).")
    var workers: Int?

    @Option(help: "Per-attempt scan time limit in seconds.")
    var timeoutSeconds: Double = 600

    @Option(help: "Memory limit of each scanner process in MiB.")
    var memoryLimitMb: Int = 2048

    @Option(help: "How long a file written in place in pending/ must stay unchanged, in ms.")
    var settleMs: Int = 2000

    @Option(help: "Full rescan of pending/ every so many seconds.")
    var rescanSeconds: Double = 60

    @Option(help: "On SIGTERM/SIGINT, seconds running scans may take to finish before they are stopped.")
    var graceSeconds: Double = 30

    @Option(help: "Wait before a failed scan is tried again, in seconds; doubled after each attempt (a job held for a fault of the host doubles up to 300 s).")
    var retryBackoffSeconds: Double = 5

    @Option(help: ArgumentHelp(
        "Scanner command line instead of `spoolscan scan` ({artifact}, {output}, {memory_mb} are replaced).",
        discussion: "Also read from SPOOLSCAN_SCANNER_COMMAND."))
    var scannerCommand: String?

    @Flag(help: "Move artifacts whose report's verdict is fail to quarantine/ (with NAME.report.json) instead of done/.")
    var quarantine = false

    @Option(help: "Also write these formats of each report beside it in done/ and quarantine/, from the same report: cyclonedx (NAME.cdx.json), spdx (NAME.spdx.json), sarif (NAME.sarif); comma-separated.")
    var formats: String?

    @OptionGroup var layerCache: LayerCacheOptions

    @Option(help: "Log format: text or json (JSON lines).")
    var logFormat: String = "text"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard ["text", "json"].contains(logFormat) else { throw ValidationError("--log-format must be text or json") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("unknown --log-level \(logLevel)") }
        _ = try sidecarFormats()
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        guard timeoutSeconds > 0, graceSeconds >= 0, retryBackoffSeconds >= 0, settleMs >= 0, rescanSeconds > 0, memoryLimitMb > 0 else {
            throw ValidationError("timeouts, limits and intervals must be positive")
        }
    }

    var layout: SpoolLayout { SpoolLayout(root: spool) }

    var configuration: SpoolConfiguration {
        var configuration = SpoolConfiguration(
            workers: workers, timeoutSeconds: timeoutSeconds, memoryLimitMB: memoryLimitMb, settleMs: settleMs,
            rescanSeconds: rescanSeconds, graceSeconds: graceSeconds,
            scanner: ScannerCommand(override: scannerCommand ?? ProcessInfo.processInfo.environment["SPOOLSCAN_SCANNER_COMMAND"]),
            retryBackoffSeconds: retryBackoffSeconds)
        configuration.quarantine = quarantine
        configuration.scanner.scanArguments = layerCache.scannerArguments
        configuration.sidecars = ((try? sidecarFormats()) ?? []).map { format in
            ReportSidecar(suffix: format.fileSuffix, render: { try format.render($0) })
        }
        return configuration
    }

    /// The formats of `--formats` (cyclonedx, spdx, sarif; each once).
    func sidecarFormats() throws -> [ReportFormat] {
        guard let formats else { return [] }
        var chosen: [ReportFormat] = []
        for word in formats.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            guard let format = ReportFormat(rawValue: word), [.cyclonedx, .spdx, .sarif].contains(format) else {
                throw ValidationError("--formats takes cyclonedx, spdx and sarif (comma-separated), not '\(word)'")
            }
            if !chosen.contains(format) { chosen.append(format) }
        }
        return chosen
    }

    /// Sets up swift-log (stderr, text or JSON lines) and returns the spool's logger.
    func makeLogger() -> Logger {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let json = logFormat == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "spoolscan")
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

    /// Prints a spoolscan error the way users see it and turns it into an exit code.
    static func fail(_ error: any Error) -> ExitCode {
        FileHandle.standardError.write(Data("spoolscan: \(error)\n".utf8))
        return ExitCode(1)
    }
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
