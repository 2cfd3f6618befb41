import Advisories
import ArgumentParser
import Detectors
import Foundation
import ImageScanner
import ScanReport
import SpoolscanCore

/// `spoolscan scan IMAGE`: scans one artifact and prints or writes its report.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one image file (docker-archive, OCI archive or OCI layout folder) and report what is in it.",
        discussion: """
        Exit status: 0 on success; 2 when the artifact itself is bad (the first line on stderr is \
        `SCAN-NNN: message`); 1 on any other error.
        """
    )

    @Argument(help: "The image tarball (optionally gzip/zstd-compressed) or OCI layout folder.")
    var image: String

    @Option(help: "Report format: json or table.")
    var format: OutputFormat = .json

    @Option(help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Advisory database to match vulnerabilities against (default: $SPOOLSCAN_DB, else /var/lib/spoolscan/advisories.db or ~/.cache/spoolscan/advisories.db when it exists).")
    var db: String?

    @Option(help: "Warn in the report when the advisory database is older than this many days.")
    var maxDbAgeDays: Int = 7

    @Option(help: "Comma-separated parts to run: packages, secrets, malware, misconfig; trivy's vuln, license, secret, config are aliases (default: all).")
    var scanners: String = "packages,secrets,malware,misconfig"

    @Option(help: "Detector config file (JSON: custom and disabled secret rules, allowed paths, YARA rule folders, deny list; see docs/detectors.md).")
    var detectorConfig: String?

    @OptionGroup var limits: LimitOptions

    @Option(help: "Limit this process's address space to N MiB (used by the spool's scanner processes).")
    var memoryLimitMb: Int?

    enum OutputFormat: String, ExpressibleByArgument { case json, table }

    func run() throws {
        if let memoryLimitMb { MemoryLimit.apply(megabytes: memoryLimitMb) }
        let parts: ScannerSelection
        do { parts = try ScannerSelection(parsing: scanners) } catch { throw ValidationError(error.description) }
        let options = ScanOptions(limits: limits.scanLimits, catalogue: parts.packages,
                                  detectors: parts.detectorOptions(configFile: detectorConfig),
                                  databasePath: AdvisoryDatabase.pathForScan(given: db),
                                  maxDatabaseAgeDays: maxDbAgeDays)
        let report: Report
        do {
            report = try ImageScanner(options: options).scan(path: image)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(error.code.category == .artifact ? 2 : 1)
        }
        let data: Data
        switch format {
        case .json: data = try ReportCodec.encode(report)
        case .table: data = Data(ReportTable.render(report).utf8)
        }
        if let output {
            try ReportCodec.writeAtomically(data, to: output)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
