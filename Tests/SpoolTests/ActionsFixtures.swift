import Foundation
import ScanReport
@testable import Spool

/// Reports, error records and hook scripts for the notification, metrics and retention tests.
enum ActionsFixtures {
    static let layer = LayerRef(index: 0, diffID: "sha256:" + String(repeating: "a", count: 64))

    static func vulnerability(_ id: String, _ severity: Severity, suppressed: Bool = false) -> Vulnerability {
        var finding = Vulnerability(id: id, aliases: [], packageName: "openssl", packageType: .deb,
                                    purl: "pkg:deb/debian/openssl@3.0.11", installedVersion: "3.0.11",
                                    fixedVersion: "3.0.13", status: "fixed", severity: severity, cvss: nil,
                                    title: nil, source: "debian-tracker", layer: layer, references: [])
        if suppressed { finding.suppression = Suppression(kind: .ignore, reason: "accepted until the rebuild") }
        return finding
    }

    /// A report with 2 active vulnerabilities (CRITICAL, HIGH) and a suppressed CRITICAL one, a
    /// HIGH secret, one malware hit and a MEDIUM misconfiguration; verdict `fail`.
    static func report(name: String, createdAt: String = "2026-11-27T00:12:03.456Z", scanDurationMs: Int = 2500,
                       databaseBuiltAt: String = "2026-11-26T00:00:00Z") -> Report {
        let image = ImageReport(
            repoTags: ["registry.example/app:1"], imageID: "sha256:" + String(repeating: "b", count: 64), os: nil,
            architecture: "amd64", layers: [], config: ImageConfigSummary(),
            vulnerabilities: [vulnerability("CVE-2024-0001", .critical), vulnerability("CVE-2024-0002", .high),
                              vulnerability("CVE-2024-0003", .critical, suppressed: true)],
            secrets: [SecretFinding(ruleID: "aws-access-key-id", category: "AWS", severity: .high, title: "AWS key",
                                    path: "app/.env", line: 3, match: "AKIA****", layer: layer,
                                    deletedInLaterLayer: false)],
            malware: [MalwareFinding(rule: "EICAR", namespace: "builtin", path: "tmp/eicar.com", layer: layer,
                                     sha256: String(repeating: "c", count: 64), tags: [], deletedInLaterLayer: false)],
            misconfigurations: [Misconfiguration(id: "CIS-DI-0001", title: "runs as root", severity: .medium,
                                                 evidence: ["config.User"])])
        var report = Report(createdAt: createdAt,
                            artifact: Artifact(path: "/in/\(name)", sha256: String(repeating: "d", count: 64),
                                               size: 1024, format: "docker-archive", images: [image]),
                            database: DatabaseInfo(path: "/var/lib/spoolscan/advisories.db", builtAt: databaseBuiltAt,
                                                   schemaVersion: 1, sources: [], matchedAt: createdAt))
        report.job = JobInfo(name: name, receivedAt: createdAt, attempts: 1, scanStartedAt: createdAt,
                             scanDurationMs: scanDurationMs)
        report.verdict = Verdict(result: .fail, policy: .init(path: "spool/policy.yaml", sha256: "00"),
                                 reasons: [.init(rule: "severity", findingIds: ["vuln:CVE-2024-0001:pkg:deb/debian/openssl@3.0.11"])])
        return report
    }

    static func errorRecord(name: String, code: String = "SCAN-003", failedAt: String = "2026-11-27T00:12:03.456Z") -> ErrorRecord {
        ErrorRecord(name: name, originalName: nil, code: code, message: "truncated or corrupt archive: unexpected end",
                    attempts: 1, retriesExhausted: false, receivedAt: failedAt, failedAt: failedAt, history: [])
    }

    /// Writes `report` as `SPOOL/FOLDER/NAME.report.json` (and the artifact) and returns the artifact path.
    @discardableResult
    static func finishJob(spool: String, folder: String, name: String, report: Report) throws -> String {
        try FileManager.default.createDirectory(atPath: "\(spool)/\(folder)", withIntermediateDirectories: true)
        let artifact = "\(spool)/\(folder)/\(name)"
        try Data("image bytes".utf8).write(to: URL(fileURLWithPath: artifact))
        try ReportCodec.encode(report).write(to: URL(fileURLWithPath: artifact + ".report.json"))
        return artifact
    }

    /// Writes `record` as `SPOOL/error/NAME.error.json` (and the artifact).
    static func failJob(spool: String, name: String, record: ErrorRecord) throws {
        try FileManager.default.createDirectory(atPath: "\(spool)/error", withIntermediateDirectories: true)
        try Data("not an image".utf8).write(to: URL(fileURLWithPath: "\(spool)/error/\(name)"))
        try JSONEncoder().encode(record).write(to: URL(fileURLWithPath: "\(spool)/error/\(name).error.json"))
    }

    /// Creates (or truncates) a small file.
    static func touch(_ path: String, _ text: String = "x") {
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }

    /// Writes an executable `/bin/sh` script.
    static func script(_ path: String, _ body: String) throws -> String {
        try Data("#!/bin/sh\n\(body)\n".utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o755)
        return path
    }

    /// Reads the output of `env -0` into a dictionary.
    static func environment(in path: String) throws -> [String: String] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        var values: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let equals = text.firstIndex(of: "=") else { continue }
            values[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return values
    }
}

/// Collects values handed to a `@Sendable` callback.
final class Collected<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ item: T) { lock.withLock { items.append(item) } }
    var all: [T] { lock.withLock { items } }
}
