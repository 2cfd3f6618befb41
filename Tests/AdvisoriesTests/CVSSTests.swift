import Testing
import ScanReport
@testable import Advisories

@Suite("CVSS 3.1 base score")
struct CVSSTests {
    /// Examples from FIRST's CVSS v3.1 specification and its examples document.
    @Test(arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5),   // CVE-2014-0160 Heartbleed
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),   // CVE-2014-6271 Shellshock
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),   // CVE-2013-1937 phpMyAdmin XSS
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4),   // CVE-2013-0375 MySQL
        ("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", 3.1),   // CVE-2014-3566 POODLE
        ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9),   // CVE-2012-1516 VMware
        ("CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.2),   // CVE-2009-0783 Tomcat
        ("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
    ])
    func baseScore(vector: String, expected: Double) {
        #expect(CVSSv3(vector: vector)?.baseScore == expected)
    }

    @Test func rejectsOtherVersionsAndBrokenVectors() {
        #expect(CVSSv3(vector: "AV:N/AC:L/Au:N/C:P/I:P/A:P") == nil)
        #expect(CVSSv3(vector: "CVSS:3.1/AV:N/AC:L") == nil)
        #expect(CVSSv3(vector: "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H") == nil)
    }

    @Test func ratings() {
        #expect(CVSSv3.severity(score: 9.0) == .critical)
        #expect(CVSSv3.severity(score: 8.9) == .high)
        #expect(CVSSv3.severity(score: 4.0) == .medium)
        #expect(CVSSv3.severity(score: 0.1) == .low)
        #expect(CVSSv3.severity(score: 0.0) == .negligible)
    }

    @Test func distributionRatingWinsForOSPackagesOnly() {
        let vector = ["CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"]
        let os = SeverityResolver.resolve(osPackage: true, packageSeverity: "low", statedSeverity: nil, vectors: vector)
        #expect(os.severity == .low)
        #expect(os.cvss?.score == 9.8)
        let language = SeverityResolver.resolve(osPackage: false, packageSeverity: "low", statedSeverity: nil, vectors: vector)
        #expect(language.severity == .critical)
        let v4 = SeverityResolver.resolve(osPackage: false, packageSeverity: nil, statedSeverity: "HIGH",
                                          vectors: ["CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"])
        #expect(v4.severity == .critical)
        #expect(v4.cvss?.score == 9.3)
        #expect(v4.cvss?.vector.hasPrefix("CVSS:4.0") == true)
        #expect(SeverityResolver.resolve(osPackage: true, packageSeverity: "not yet assigned", statedSeverity: nil, vectors: []).severity == .unknown)
    }
}
