import Foundation
import Testing
import Advisories
import ImageScanner
import Policy
import ScanReport

/// The policy on real data: Alpine 3.7.3's minirootfs (musl 1.1.18-r3, fixed for CVE-2019-14697
/// in r4) plus a layer with requests 2.19.1 (PYSEC-2018-28 = CVE-2018-18074, published
/// 2018-10-09), matched against the real PyPI OSV zip and Alpine secdb v3.7.
@Suite(.serialized) struct PolicyRealDataTests {
    static let available = SharedData.exists("images/rootfs/alpine-minirootfs-3.7.3-x86_64.tar.gz")
        && SharedData.exists("vulndata/PyPI-all.zip") && SharedData.exists("vulndata/alpine-secdb/v3.7/main.json")

    static func scan() throws -> Report {
        let folder = try SharedData.temporaryFolder()
        let rootfs = folder + "/rootfs", python = folder + "/python"
        try FileManager.default.createDirectory(atPath: rootfs, withIntermediateDirectories: true)
        try SharedData.run("/bin/tar", ["-xzf", SharedData.path("images/rootfs/alpine-minirootfs-3.7.3-x86_64.tar.gz"), "-C", rootfs])
        let metadata = python + "/usr/lib/python3.6/site-packages/requests-2.19.1.dist-info"
        try FileManager.default.createDirectory(atPath: metadata, withIntermediateDirectories: true)
        try "Metadata-Version: 2.1\nName: requests\nVersion: 2.19.1\nLicense: Apache 2.0\n"
            .write(toFile: metadata + "/METADATA", atomically: true, encoding: .utf8)
        let image = folder + "/image.tar"
        try SharedData.run("/usr/bin/python3", [SharedData.path("tools/mkimage.py"), "--out", image, "--format", "oci",
                                                "--tag", "example/alpine-app:1", rootfs, python])
        let database = folder + "/advisories.db"
        _ = try AdvisoryImporter(databasePath: database).importFeeds(
            [SharedData.path("vulndata/PyPI-all.zip"), SharedData.path("vulndata/alpine-secdb/v3.7/main.json")])
        return try ImageScanner(options: ScanOptions(detectors: nil, databasePath: database)).scan(path: image)
    }

    @Test(.enabled(if: available, "needs ../shared/images/rootfs and ../shared/vulndata (not part of the repository)"))
    func ageRuleIgnoresAndVEXOnRealAdvisories() throws {
        let scanned = try Self.scan()
        let now = ISO8601DateFormatter().date(from: "2026-12-03T12:00:00Z")!
        let vulnerabilities = scanned.artifact.images[0].vulnerabilities
        let requests = try #require(vulnerabilities.first { $0.packageName == "requests" && $0.id == "CVE-2018-18074" })
        #expect(requests.published == "2018-10-09T17:29:00Z" && requests.fixedVersion == "2.20.0")
        let musl = try #require(vulnerabilities.first { $0.id == "CVE-2019-14697" })
        #expect(musl.published == nil)   // Alpine secdb carries no dates

        // Advisories younger than 100 years do not count; undated ones (the secdb's) do.
        var report = scanned
        let young = try PolicyLoader.parse("version: 1\nrules:\n  vulnerabilities: [{severity: UNKNOWN, fixedOnly: true, olderThanDays: 36500}]\n", path: "p.yaml")
        let verdict = PolicyEvaluator(policy: young, now: now).apply(to: &report)
        let counted = try #require(verdict.reasons.first).findingIds
        #expect(counted.contains(FindingID.of(musl)) && !counted.contains(FindingID.of(requests)))

        // A VEX statement naming the GHSA alias and an ignore with a future expiry clear both.
        let vex = try VEXLoader.parse(Data("""
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/alpine-app", "timestamp": "2026-11-01T00:00:00Z",
             "statements": [{"vulnerability": {"name": "GHSA-x84v-xcm2-53pg"},
                             "products": [{"@id": "pkg:oci/alpine-app", "subcomponents": [{"@id": "pkg:pypi/requests"}]}],
                             "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
            """.utf8), path: "alpine-app.vex.json")
        let strict = try PolicyLoader.parse("""
            version: 1
            rules:
              vulnerabilities: [{severity: UNKNOWN, fixedOnly: true}]
            ignores:
              - {id: CVE-2019-14697, package: musl, reason: rebuilt on 3.7.3-r4 next release, expires: 2027-01-31}
            """, path: "strict.yaml")
        var cleared = scanned
        let result = PolicyEvaluator(policy: strict, vex: [vex], now: now).apply(to: &cleared)
        let remaining = result.reasons.flatMap(\.findingIds)
        #expect(!remaining.contains(FindingID.of(requests)) && !remaining.contains(FindingID.of(musl)))
        let image = cleared.artifact.images[0]
        #expect(image.vulnerabilities.first { $0.id == "CVE-2018-18074" }?.suppression?.kind == .vex)
        #expect(image.vulnerabilities.first { $0.id == "CVE-2019-14697" }?.suppression?.expires == "2027-01-31")
    }
}
