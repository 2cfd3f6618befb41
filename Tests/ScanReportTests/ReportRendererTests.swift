import Foundation
import SpoolscanCore
import Testing
@testable import ScanReport

/// `report show` / `scan --format table`: summary first, honest counts, filters, suppression
/// marks, colours only when asked for.
@Suite struct ReportRendererTests {
    static let layer = LayerRef(index: 0, diffID: "sha256:" + String(repeating: "b", count: 64))

    static func vuln(_ id: String, _ package: String, _ severity: Severity, fixed: String?, purl: String,
                     type: PackageType = .golang) -> Vulnerability {
        Vulnerability(id: id, aliases: [], packageName: package, packageType: type, purl: purl, installedVersion: "1.20.1",
                      fixedVersion: fixed, status: fixed == nil ? "affected" : "fixed", severity: severity, cvss: nil,
                      title: nil, source: "osv:Go", layer: layer, references: [])
    }

    static func secret(_ rule: String, _ severity: Severity, _ confidence: Confidence?, path: String) -> SecretFinding {
        var s = SecretFinding(ruleID: rule, category: "c", severity: severity, title: rule, path: path, line: 2,
                              match: "abcd****", layer: layer, deletedInLaterLayer: false)
        s.confidence = confidence
        return s
    }

    static func report() -> Report {
        let stdlibPurl = "pkg:golang/stdlib@1.20.1"
        var image = ImageReport(
            repoTags: ["example/go:1"], imageID: "sha256:" + String(repeating: "a", count: 64),
            os: OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)"), architecture: "amd64",
            layers: [LayerInfo(index: 0, diffID: layer.diffID, digest: layer.diffID, size: 10, compression: "none", createdBy: "ADD x /")],
            config: ImageConfigSummary(),
            packages: [
                Package(name: "libc6", version: "2.36-9", type: .deb, purl: "pkg:deb/debian/libc6@2.36-9",
                        paths: ["var/lib/dpkg/status"], layer: layer),
                Package(name: "stdlib", version: "1.20.1", type: .golang, purl: stdlibPurl, paths: ["usr/local/bin/server"], layer: layer),
            ])
        // One finding written before `path` existed: the renderer finds the binary through the purl.
        image.vulnerabilities = [Self.vuln("GO-2023-0001", "stdlib", .high, fixed: "1.20.2", purl: stdlibPurl),
                                 Self.vuln("GO-2023-0002", "stdlib", .low, fixed: nil, purl: stdlibPurl)]
        var ignored = Self.vuln("GO-2023-0003", "stdlib", .critical, fixed: "1.20.3", purl: stdlibPurl)
        ignored.suppression = Suppression(kind: .ignore, reason: "not reachable", expires: "2027-01-31")
        image.vulnerabilities.append(ignored)
        image.coverage = [PackageCoverage(packageType: .deb, ecosystem: "Debian", release: "12", packages: 1, checked: false),
                          PackageCoverage(packageType: .golang, ecosystem: "Go", release: nil, packages: 1, checked: true)]
        image.secrets = [Self.secret("generic-password", .medium, .low, path: "srv/test/fixture.env"),
                         Self.secret("github-pat", .critical, nil, path: "root/.git-credentials")]
        image.malware = [MalwareFinding(rule: "EICAR_Test_File", namespace: "builtin", path: "tmp/eicar.com", layer: layer,
                                        sha256: String(repeating: "f", count: 64), tags: ["test"], deletedInLaterLayer: false)]
        image.misconfigurations = [Misconfiguration(id: "CIS-DI-0001", title: "Image runs as root", severity: .medium, evidence: ["config.User is not set"])]
        var report = Report(createdAt: "2026-11-26T12:00:00Z",
                            artifact: Artifact(path: "go.tar", sha256: String(repeating: "0", count: 64), size: 4096,
                                               format: "docker-archive", images: [image]),
                            database: DatabaseInfo(path: "db", builtAt: "2026-11-26T00:00:00Z", schemaVersion: 1, sources: [], matchedAt: "2026-11-26T12:00:00Z"),
                            warnings: [ReportWarning(.dbNoCoverage, "no advisories for Debian 12 in the database: 1 deb packages not checked")])
        report.verdict = Verdict(result: .fail, policy: .init(path: "policy.yaml", sha256: "00"),
                                 reasons: [.init(rule: "malware", findingIds: ["malware:builtin/EICAR_Test_File:tmp/eicar.com"])])
        return report
    }

    static func position(_ text: String, _ needle: String) -> Int {
        guard let range = text.range(of: needle) else { return Int.max }
        return text.distance(from: text.startIndex, to: range.lowerBound)
    }

    @Test func summaryComesFirstWithWarningsAboveCounts() {
        let text = ReportRenderer().render(Self.report())
        let order = ["Verdict   FAIL (policy policy.yaml)", "DB-008  no advisories for Debian 12", "FINDINGS", "Top findings", "Image 1 of 1"]
        let positions = order.map { Self.position(text, $0) }
        #expect(positions == positions.sorted() && !positions.contains(Int.max), "\(positions)\n\(text)")
        // Counts: the suppressed CRITICAL is not counted, and is said to be suppressed.
        let vulnLine = text.split(separator: "\n").first { $0.hasPrefix("  vulnerabilities") }.map(String.init) ?? ""
        #expect(vulnLine.split(separator: " ").prefix(8).joined(separator: " ") == "vulnerabilities 0 1 0 1 0 0 2", "\(vulnLine)")
        #expect(vulnLine.contains("1 deb packages not checked (no advisories for Debian 12)") && vulnLine.contains("1 suppressed"))
        // Malware leads the top findings; the Go findings name the binary they were found in.
        let top = text.components(separatedBy: "Top findings\n")[1].split(separator: "\n")
        #expect(top[1].contains("EICAR_Test_File"))
        #expect(text.contains("GO-2023-0001") && text.contains("usr/local/bin/server"))
        #expect(text.contains("ignored: not reachable (until 2027-01-31)"))
        // Packages only on request.
        #expect(!text.contains("Packages ("))
        #expect(ReportRenderer(options: .init(showPackages: true)).render(Self.report()).contains("Packages (2)"))
    }

    @Test func nothingCheckedIsNeverZero() {
        var report = Self.report()
        report.artifact.images[0].vulnerabilities = []
        report.artifact.images[0].coverage = [PackageCoverage(packageType: .deb, ecosystem: "Debian", release: "12", packages: 88, checked: false)]
        let text = ReportRenderer().render(report)
        let vulnLine = text.split(separator: "\n").first { $0.hasPrefix("  vulnerabilities") }.map(String.init) ?? ""
        #expect(!vulnLine.contains("0") || vulnLine.contains("88 deb packages not checked"), "\(vulnLine)")
        #expect(vulnLine.split(separator: " ").dropFirst().prefix(7).allSatisfy { $0 == "-" }, "\(vulnLine)")
        #expect(text.contains("Vulnerabilities not checked: 88 deb packages (no advisories for Debian 12)"))
        #expect(!text.contains("Vulnerabilities (0)"))

        report.database = nil
        report.artifact.images[0].coverage = nil
        report.artifact.images[0].vulnerabilitySummary = nil
        #expect(ReportRenderer().render(report).contains("not checked: no advisory database"))
    }

    @Test func filtersNarrowWhatIsShown() {
        let report = Self.report()
        let high = ReportRenderer(options: .init(filter: FindingFilter(minimumSeverity: .high))).render(report)
        #expect(high.contains("GO-2023-0001") && !high.contains("GO-2023-0002") && !high.contains("CIS-DI-0001"))
        #expect(high.contains("Showing   severity HIGH and above"))
        let secrets = ReportRenderer(options: .init(filter: FindingFilter(kinds: [.secret], minimumConfidence: .medium))).render(report)
        #expect(secrets.contains("github-pat"), "a secret without a confidence counts as high")
        #expect(!secrets.contains("generic-password") && !secrets.contains("GO-2023") && !secrets.contains("Malware ("))
        let fixed = ReportRenderer(options: .init(filter: FindingFilter(onlyFixed: true))).render(report)
        #expect(fixed.contains("GO-2023-0001") && !fixed.contains("GO-2023-0002") && fixed.contains("CIS-DI-0001"))
    }

    @Test func coloursOnlyWhenWanted() {
        let plain = ReportRenderer().render(Self.report())
        #expect(!plain.contains("\u{1B}["))
        let coloured = ReportRenderer(options: .init(style: TerminalStyle(enabled: true))).render(Self.report())
        #expect(coloured.contains("\u{1B}[1;31mCRITICAL"))
        // Padding is computed on the plain text: the coloured table has the plain one's words in order.
        let stripped = coloured.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        #expect(stripped == plain)
        #expect(TerminalStyle.colorWanted(isTerminal: true, environment: [:]))
        #expect(!TerminalStyle.colorWanted(isTerminal: true, environment: ["NO_COLOR": "1"]))
        #expect(TerminalStyle.colorWanted(isTerminal: true, environment: ["NO_COLOR": ""]))
        #expect(!TerminalStyle.colorWanted(isTerminal: false, environment: [:]))
        #expect(!TerminalStyle.colorWanted(isTerminal: true, environment: ["TERM": "dumb"]))
    }
}
