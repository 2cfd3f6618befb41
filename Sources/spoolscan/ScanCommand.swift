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

    @Option(help: "Advisory database to match vulnerabilities against (default: none unless SPOOLSCAN_DB is set).")
    var db: String?

    @Option(help: "Warn in the report when the advisory database is older than this many days.")
    var maxDbAgeDays: Int = 7

    @Option(help: "Comma-separated parts to run: packages, secrets, malware, misconfig (default: all).")
    var scanners: String = "packages,secrets,malware,misconfig"

    @Option(help: "Detector config file (JSON: custom and disabled secret rules, allowed paths, YARA rule folders, deny list; see docs/detectors.md).")
    var detectorConfig: String?

    @OptionGroup var limits: LimitOptions

    @OptionGroup var policy: PolicyOptions

    @Option(help: "Limit this process's address space to N MiB (used by the spool's scanner processes).")
    var memoryLimitMb: Int?

    func run() throws {
        if let memoryLimitMb { MemoryLimit.apply(megabytes: memoryLimitMb) }
        let parts = Set(scanners.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        let known: Set<String> = ["packages", "secrets", "malware", "misconfig"]
        guard parts.isSubset(of: known), !parts.isEmpty else {
            throw ValidationError("--scanners takes a comma-separated list of: \(known.sorted().joined(separator: ", "))")
        }
        let wantsDetectors = !parts.isDisjoint(with: ["secrets", "malware", "misconfig"])
        let detectors = wantsDetectors ? DetectorOptions(
            secrets: parts.contains("secrets"), malware: parts.contains("malware"),
            misconfigurations: parts.contains("misconfig"), configFile: detectorConfig) : nil
        let options = ScanOptions(limits: limits.scanLimits, catalogue: parts.contains("packages"), detectors: detectors,
                                  databasePath: db ?? ProcessInfo.processInfo.environment["SPOOLSCAN_DB"],
                                  maxDatabaseAgeDays: maxDbAgeDays)
        guard (image == nil) != (sbom == nil) else { throw ValidationError("give either IMAGE or --sbom FILE") }
        let evaluator = try policy.evaluator()
        var report: Report
        do {
            if let sbom {
                report = try ImageScanner(options: options).scan(sbomPath: sbom)
            } else {
                report = try ImageScanner(options: options).scan(path: image ?? "")
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(error.code.category == .artifact ? ExitStatus.badArtifact : ExitStatus.otherError)
        }
        let verdict = evaluator.apply(to: &report)
        try output.write(report)
        if verdict.result == .fail, !PolicyOptions.isSpoolScanner {
            PolicyOptions.printFailure(verdict)
            throw ExitCode(ExitStatus.policyFail)
        }
    }
}
