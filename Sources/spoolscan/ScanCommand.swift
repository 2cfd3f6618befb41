import Advisories
import ArgumentParser
import Detectors
import Foundation
import ImageScanner
import Policy
import ScanReport
import SpoolscanCore

/// `spoolscan scan IMAGE`: scans one artifact and prints or writes its report.
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Scan one image file (docker-archive, OCI archive or OCI layout folder) and report what is in it.",
        discussion: """
        Exit status: 0 the report passes its policy; 1 it fails the policy (the reasons on stderr); \
        2 the artifact itself is bad (the first line on stderr is `SCAN-NNN: message`); 3 any other \
        error, usage errors included.
        """
    )

    @Argument(help: "The image tarball (optionally gzip/zstd-compressed) or OCI layout folder.")
    var image: String?

    @Option(help: "Scan a CycloneDX or SPDX JSON SBOM instead of an image: match its packages (by purl) against the database.")
    var sbom: String?

    @OptionGroup var output: OutputOptions

    @Option(help: "Advisory database to match vulnerabilities against (default: $SPOOLSCAN_DB, else /var/lib/spoolscan/advisories.db or ~/.cache/spoolscan/advisories.db when it exists).")
    var db: String?

    @OptionGroup var age: DatabaseAgeOption

    @Option(help: "Comma-separated parts to run: packages, secrets, malware, misconfig; trivy's vuln, license, secret, config are aliases (default: all).")
    var scanners: String = "packages,secrets,malware,misconfig"

    @Option(help: "Detector config file (JSON: custom and disabled secret rules, allowed paths, YARA rule folders, deny list; see docs/detectors.md).")
    var detectorConfig: String?

    @OptionGroup var limits: LimitOptions

    @OptionGroup var layerCache: LayerCacheOptions

    @OptionGroup var policy: PolicyOptions

    @Option(help: "Limit this process's address space to N MiB (used by the spool's scanner processes).")
    var memoryLimitMb: Int?

    /// The spool's scanner processes write the raw report only: no matching and no policy (the
    /// parsing stage does both, with the spool's database and policy), so the exit status says
    /// only whether the scan itself worked.
    @Flag(name: .customLong("raw"), help: .hidden)
    var raw = false

    func run() throws {
        if let memoryLimitMb { MemoryLimit.apply(megabytes: memoryLimitMb) }
        let parts: ScannerSelection
        let maxDbAgeDays: Int
        do {
            parts = try ScannerSelection(parsing: scanners)
            maxDbAgeDays = try age.days()
        } catch {
            ErrorLine.write(error)
            throw ExitCode(ExitStatus.otherError)
        }
        let options = ScanOptions(limits: limits.scanLimits, catalogue: parts.packages,
                                  detectors: parts.detectorOptions(configFile: detectorConfig),
                                  databasePath: raw ? nil : AdvisoryDatabase.pathForScan(given: db),
                                  maxDatabaseAgeDays: maxDbAgeDays, cache: layerCache.settings)
        guard (image == nil) != (sbom == nil) else {
            ErrorLine.write(SpoolscanError(.configInvalid, "give either IMAGE or --sbom FILE"))
            throw ExitCode(ExitStatus.otherError)
        }
        try output.checkDestination()
        let evaluator = try policy.evaluator()
        var report: Report
        do {
            if let sbom {
                report = try ImageScanner(options: options).scan(sbomPath: sbom)
            } else {
                report = try ImageScanner(options: options).scan(path: image ?? "")
            }
        } catch {
            ErrorLine.write(error)
            throw ExitCode(error.code.category == .artifact ? ExitStatus.badArtifact : ExitStatus.otherError)
        }
        if raw {
            try output.write(report)
            return
        }
        let verdict = evaluator.apply(to: &report)
        try output.write(report)
        if verdict.result == .fail {
            PolicyOptions.printFailure(verdict)
            throw ExitCode(ExitStatus.policyFail)
        }
    }
}
