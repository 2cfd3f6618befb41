import ArgumentParser
import Foundation
import Policy
import ScanReport
import SpoolscanCore

/// `--policy FILE` and `--vex FILE` (repeatable) for `scan` and `rematch`: the rules a report is
/// decided by (built-in default without `--policy`, see docs/policy.md) and the OpenVEX
/// documents whose statements suppress findings.
struct PolicyOptions: ParsableArguments {
    @Option(name: .customLong("policy"), help: ArgumentHelp(
        "Policy file (YAML; see docs/policy.md) that decides the report's verdict.",
        discussion: "Without it the built-in policy applies: fail on CRITICAL vulnerabilities with a fix, any malware, CRITICAL high-confidence secrets.",
        valueName: "file"))
    var policyPath: String?

    @Option(name: .customLong("vex"), help: ArgumentHelp(
        "OpenVEX JSON document whose not_affected/fixed statements suppress matching vulnerabilities (repeatable).",
        valueName: "file"))
    var vexPaths: [String] = []

    /// Set by `watch` and `sweep` for their scanner processes: the spool decides on the verdict
    /// itself, so such a `scan` exits 0 on a policy fail instead of 1 (the spool would read 1 as a crash).
    static let spoolScannerVariable = "SPOOLSCAN_SPOOL_SCANNER"

    /// Marks this process's children as spool scanner processes (``spoolScannerVariable``).
    static func markSpoolScanners() { setenv(spoolScannerVariable, "1", 1) }

    /// Whether this process is a scanner started by the spool.
    static var isSpoolScanner: Bool { ProcessInfo.processInfo.environment[spoolScannerVariable] == "1" }

    /// Loads the policy and VEX documents. On a `POL-` error prints `POL-NNN: message` on stderr
    /// and throws exit status 3.
    func evaluator(now: Date = Date()) throws -> PolicyEvaluator {
        do {
            let policy = try policyPath.map(PolicyLoader.load(path:)) ?? .builtIn
            var documents: [VEXDocument] = []
            for path in vexPaths { documents.append(try VEXLoader.load(path: path)) }
            return PolicyEvaluator(policy: policy, vex: documents, now: now)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(ExitStatus.otherError)
        }
    }

    /// Prints a failing verdict's reasons on stderr, one line each.
    static func printFailure(_ verdict: Verdict) {
        guard verdict.result == .fail else { return }
        let lines = verdict.reasons.map { "policy fail: \($0.rule): \($0.message ?? "\($0.findingIds.count) findings")" }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
