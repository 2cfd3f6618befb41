import Foundation
import ScanReport

/// A report with one of everything the writers map: OS and language packages (one purl twice),
/// licences of every shape, vulnerabilities with and without CVSS, suppressed by VEX and by an
/// ignore, secrets in a file and in the config, malware and misconfigurations.
enum SampleReport {
    static func digest(_ c: Character) -> String { "sha256:" + String(repeating: c, count: 64) }
    static let layer0 = LayerRef(index: 0, diffID: digest("1"))
    static let layer1 = LayerRef(index: 1, diffID: digest("2"))

    static let libc = Package(name: "libc6", version: "2.36-9+deb12u7", type: .deb,
                              purl: "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12",
                              sourceName: "glibc", sourceVersion: "2.36-9+deb12u7", arch: "amd64",
                              paths: ["var/lib/dpkg/status"], licenses: ["LGPL-2.1", "GPL-2+"], layer: layer0)
    static let requests = Package(name: "requests", version: "2.19.1", type: .pypi, purl: "pkg:pypi/requests@2.19.1",
                                  paths: ["usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA"],
                                  licenses: ["Apache-2.0 OR MIT"], layer: layer1)
    static let requestsAgain = Package(name: "requests", version: "2.19.1", type: .pypi, purl: "pkg:pypi/requests@2.19.1",
                                       paths: ["opt/venv/lib/python3.11/site-packages/requests-2.19.1.dist-info/METADATA"],
                                       licenses: ["mit"], layer: layer1)
    static let jackson = Package(name: "com.fasterxml.jackson.core:jackson-databind", version: "2.9.8", type: .maven,
                                 purl: "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.9.8",
                                 paths: ["app/lib/jackson-databind-2.9.8.jar"], licenses: ["The Apache Software License, Version 2.0"], layer: layer1)

    static func report() -> Report {
        var image = ImageReport(
            repoTags: ["registry.example:5000/team/app:1.0"], imageID: digest("a"), manifestDigest: digest("c"),
            os: OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)", codename: "bookworm"),
            architecture: "amd64",
            layers: [LayerInfo(index: 0, diffID: digest("1"), digest: digest("3"), size: 10, compression: "gzip", createdBy: nil),
                     LayerInfo(index: 1, diffID: digest("2"), digest: digest("4"), size: 20, compression: "none", createdBy: "RUN pip install")],
            config: ImageConfigSummary(),
            packages: [libc, requests, requestsAgain, jackson])
        var glibc = Vulnerability(id: "CVE-2024-2961", aliases: ["DSA-5693-1"], packageName: "libc6", packageType: .deb, purl: libc.purl,
                                  installedVersion: libc.version, fixedVersion: "2.36-9+deb12u8", status: "fixed", severity: .high,
                                  cvss: CVSS(vector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", score: 9.8),
                                  title: "iconv buffer overflow", source: "debian-tracker", layer: layer0,
                                  references: ["https://security-tracker.debian.org/tracker/CVE-2024-2961", "see the DSA", "https://bad link/x"])
        glibc.suppression = Suppression(kind: .vex, reason: "iconv is not used", status: "not_affected",
                                        justification: "vulnerable_code_not_in_execute_path", source: "vex.json")
        var requestsVuln = Vulnerability(id: "CVE-2023-32681", aliases: ["PYSEC-2023-74", "GHSA-j8r2-6x86-q33q"], packageName: "requests",
                                         packageType: .pypi, purl: requests.purl, installedVersion: "2.19.1", fixedVersion: "2.31.0",
                                         status: "fixed", severity: .medium, cvss: nil, title: "Proxy-Authorization leak",
                                         source: "osv:PyPI", layer: layer1, references: ["https://github.com/psf/requests/security"])
        let requestsVuln2 = Vulnerability(id: "CVE-2018-18074", aliases: [], packageName: "requests", packageType: .pypi, purl: requests.purl,
                                          installedVersion: "2.19.1", fixedVersion: nil, status: "affected", severity: .negligible,
                                          cvss: nil, title: nil, source: "osv:PyPI", layer: layer1, references: [])
        requestsVuln.suppression = Suppression(kind: .ignore, reason: "not reachable from the app", source: "policy.yaml", expires: "2027-01-31")
        image.vulnerabilities = [glibc, requestsVuln, requestsVuln2]
        var fileSecret = SecretFinding(ruleID: "aws-access-key-id", category: "AWS", severity: .critical, title: "AWS access key ID",
                                       path: "app/config/my settings.env", line: 3, match: "AKIA****", layer: layer1, deletedInLaterLayer: true)
        fileSecret.confidence = .high
        let otherFile = SecretFinding(ruleID: "aws-access-key-id", category: "AWS", severity: .critical, title: "AWS access key ID",
                                      path: "root/.aws/credentials", line: 1, match: "AKIA****", layer: layer1, deletedInLaterLayer: false)
        let envSecret = SecretFinding(ruleID: "github-pat", category: "GitHub", severity: .high, title: "GitHub token",
                                      path: "config:Env", line: 0, match: "ghp_****", layer: nil, deletedInLaterLayer: false)
        image.secrets = [fileSecret, otherFile, envSecret]
        image.malware = [MalwareFinding(rule: "EICAR_test_file", namespace: "builtin", path: "tmp/eicar.com", layer: layer1,
                                        sha256: String(repeating: "e", count: 64), tags: ["test"], deletedInLaterLayer: false)]
        image.misconfigurations = [
            Misconfiguration(id: "CIS-DI-0001", title: "Image runs as root", severity: .medium, evidence: ["config.User is not set"]),
            Misconfiguration(id: "CIS-DI-0008", title: "setuid files", severity: .low, evidence: ["usr/bin/su (mode 4755)", "file usr/bin/passwd"]),
        ]
        return Report(createdAt: "2026-12-03T10:00:00Z",
                      artifact: Artifact(path: "/spool/done/app.tar", sha256: String(repeating: "f", count: 64), size: 1234,
                                         format: "docker-archive", images: [image]))
    }

    /// `value` rendered by `format` and parsed back as a JSON object.
    static func json(_ data: Data) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }
}

extension Dictionary where Key == String, Value == Any {
    func object(_ key: String) -> [String: Any]? { self[key] as? [String: Any] }
    func array(_ key: String) -> [[String: Any]] { self[key] as? [[String: Any]] ?? [] }
    func string(_ key: String) -> String? { self[key] as? String }
}
