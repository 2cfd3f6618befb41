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

    /// Loads the policy and VEX documents: `--policy`, else `spoolPolicy` when that file exists
    /// (a spool's `policy.yaml`), else the built-in policy. On a `POL-` error prints
    /// `POL-NNN: message` on stderr and throws exit status 3.
    func load(spoolPolicy: String? = nil) throws -> (policy: LoadedPolicy, vex: [VEXDocument]) {
        try Self.load(policyPath: policyPath, vexPaths: vexPaths, spoolPolicy: spoolPolicy)
    }

    /// Loads `policyPath` (else `spoolPolicy` when that file exists, else the built-in policy) and
    /// the VEX documents at `vexPaths`; on a `POL-` error prints its line and throws exit status 3.
    static func load(policyPath: String?, vexPaths: [String], spoolPolicy: String?) throws
        -> (policy: LoadedPolicy, vex: [VEXDocument]) {
        do {
            let path = policyPath ?? spoolPolicy.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
            let policy = try path.map(PolicyLoader.load(path:)) ?? .builtIn
            var documents: [VEXDocument] = []
            for path in vexPaths { documents.append(try VEXLoader.load(path: path)) }
            return (policy, documents)
        } catch {
            ErrorLine.write(error)
            throw ExitCode(ExitStatus.otherError)
        }
    }

    /// The evaluator for one run of `scan` or `rematch` (see ``load(spoolPolicy:)``).
    func evaluator(now: Date = Date()) throws -> PolicyEvaluator {
        let loaded = try load()
        return PolicyEvaluator(policy: loaded.policy, vex: loaded.vex, now: now)
    }

    /// Prints a failing verdict's reasons on stderr, one line each.
    static func printFailure(_ verdict: Verdict) {
        guard verdict.result == .fail else { return }
        let lines = verdict.reasons.map { "policy fail: \($0.rule): \($0.message ?? "\($0.findingIds.count) findings")" }
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
