import Foundation
import Policy
import ScanReport

/// A report with one image holding findings of every kind, built in memory for policy tests.
enum ReportFixture {
    static let layer = LayerRef(index: 0, diffID: "sha256:" + String(repeating: "a", count: 64))
    static let now = PolicyDate_parse("2026-12-03T12:00:00Z")

    static func vulnerability(_ id: String, _ severity: Severity, fixed: String? = nil, aliases: [String] = [],
                              package: String = "openssl", purl: String? = nil, published: String? = nil) -> Vulnerability {
        var v = Vulnerability(id: id, aliases: aliases, packageName: package, packageType: .deb,
                              purl: purl ?? "pkg:deb/debian/\(package)@3.0.11-1~deb12u2?arch=amd64&distro=debian-12",
                              installedVersion: "3.0.11-1~deb12u2", fixedVersion: fixed, status: fixed == nil ? "affected" : "fixed",
                              severity: severity, cvss: nil, title: nil, source: "debian-tracker", layer: layer, references: [])
        v.published = published
        return v
    }

    static func secret(_ rule: String, _ severity: Severity, confidence: Confidence?, path: String = "app/.env") -> SecretFinding {
        var s = SecretFinding(ruleID: rule, category: "test", severity: severity, title: rule, path: path, line: 3,
                              match: "abcd****", layer: layer, deletedInLaterLayer: false)
        s.confidence = confidence
        return s
    }

    static func package(_ name: String, licenses: [String], purl: String? = nil, paths: [String] = []) -> Package {
        Package(name: name, version: "1.0", type: .deb, purl: purl ?? "pkg:deb/debian/\(name)@1.0?arch=amd64&distro=debian-12",
                paths: paths, licenses: licenses, layer: layer)
    }

    static func report(vulnerabilities: [Vulnerability] = [], secrets: [SecretFinding] = [], malware: [MalwareFinding] = [],
                       misconfigurations: [Misconfiguration] = [], packages: [Package] = []) -> Report {
        let image = ImageReport(repoTags: ["example/app:1"], imageID: "sha256:" + String(repeating: "b", count: 64),
                                manifestDigest: "sha256:" + String(repeating: "c", count: 64),
                                os: OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)"),
                                architecture: "amd64", layers: [], config: ImageConfigSummary(), packages: packages,
                                vulnerabilities: vulnerabilities, secrets: secrets, malware: malware,
                                misconfigurations: misconfigurations)
        return Report(createdAt: "2026-12-03T12:00:00Z",
                      artifact: Artifact(path: "app.tar", sha256: String(repeating: "d", count: 64), size: 10,
                                         format: "docker-archive", images: [image]))
    }

    static let eicar = MalwareFinding(rule: "EICAR_Test_File", namespace: "spoolscan", path: "tmp/eicar.com", layer: layer,
                                      sha256: String(repeating: "e", count: 64), tags: ["test"], deletedInLaterLayer: false)

    /// Parses `yaml` as a policy, failing the test on an error.
    static func policy(_ yaml: String, path: String = "policy.yaml") throws -> LoadedPolicy {
        try PolicyLoader.parse(yaml, path: path)
    }

    /// Applies `yaml` (and `vex`) to `report` at ``now``.
    static func evaluate(_ yaml: String, _ report: inout Report, vex: [VEXDocument] = []) throws -> Verdict {
        PolicyEvaluator(policy: try policy(yaml), vex: vex, now: now).apply(to: &report)
    }
}

/// RFC 3339 to Date for fixtures.
func PolicyDate_parse(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text)!
}
