import Testing
import ScanReport
@testable import Advisories

@Suite("CVSS 4.0 score")
struct CVSSv4Tests {
    static let physical = "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H"

    /// Base vectors with the scores FIRST's reference implementation gives them (the CVSS v4.0
    /// specification's example and the reference test vectors).
    @Test(arguments: [
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3),
        ("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:H/VA:L/SC:N/SI:H/SA:L", 9.2),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:N/SA:L", 7.8),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N", 6.9),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H", 7.9),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:N/VA:N/SC:L/SI:N/SA:L", 5.3),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 8.6),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:L/SC:L/SI:L/SA:L", 7.0),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N", 4.8),
        ("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N", 2.1),
        ("CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N", 1.8),
        ("CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:L/VA:N/SC:L/SI:H/SA:H", 5.6),
        ("CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N", 4.0),
        ("CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:L/SA:N", 9.5),
        ("CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:N/VC:H/VI:N/VA:L/SC:L/SI:L/SA:L", 6.0),
    ])
    func baseScore(vector: String, expected: Double) {
        #expect(CVSSv4(vector: vector)?.baseScore == expected)
    }

    /// Threat (E) and security-requirement (CR/IR/AR) metrics, from the reference test vectors.
    @Test(arguments: [
        ("/E:A", 7.3), ("/E:P", 5.9), ("/E:U", 4.1),
        ("/CR:H/IR:H/AR:H", 7.3), ("/CR:M/IR:M/AR:M", 5.5), ("/CR:H/IR:M/AR:L", 7.1), ("/CR:L/IR:L/AR:L", 5.4),
    ])
    func threatAndRequirements(suffix: String, expected: Double) {
        #expect(CVSSv4(vector: Self.physical + suffix)?.baseScore == expected)
    }

    @Test func modifiedMetricsReplaceBaseMetrics() {
        let modified = CVSSv4(vector: "CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:N/VC:N/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:N/MAC:L/MVC:H")
        let plain = CVSSv4(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
        #expect(modified?.baseScore == 9.3)
        #expect(modified?.macroVector == plain?.macroVector)
        // MSI/MSA:S put the vector in EQ4 level 0; with everything else at its worst, the macro
        // vector's own table score (000000 → 10.0).
        let safety = CVSSv4(vector: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MSI:S/MSA:S")
        #expect(safety?.macroVector == "000000")
        #expect(safety?.baseScore == 10.0)
        // X leaves the base value in place.
        #expect(CVSSv4(vector: Self.physical + "/MAV:X/E:X/CR:X")?.baseScore == CVSSv4(vector: Self.physical)?.baseScore)
    }

    @Test func supplementalMetricsAreIgnored() {
        let vector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        #expect(CVSSv4(vector: vector + "/S:P/AU:Y/R:A/V:C/RE:H/U:Red")?.baseScore == 9.3)
    }

    @Test(arguments: [
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",              // missing SA
        "CVSS:4.0/AV:N/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",    // duplicate AV
        "CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",         // X is no base value
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",         // S only as MSI
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/ZZ:1",    // unknown metric
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/",        // empty metric
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E",       // no value
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:Q",     // bad threat value
        "CVSS:4.0/av:n/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",         // case matters
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:4.0",
    ])
    func rejectsMalformedVectors(vector: String) {
        #expect(CVSSv4(vector: vector) == nil)
    }

    @Test func ratings() {
        #expect(CVSSv4.severity(score: 9.3) == .critical)
        #expect(CVSSv4.severity(score: 8.6) == .high)
        #expect(CVSSv4.severity(score: 4.0) == .medium)
        #expect(CVSSv4.severity(score: 1.8) == .low)
        #expect(CVSSv4.severity(score: 0.0) == .negligible)
    }

    @Test func resolverScoresARecordWithOnlyAV4Vector() {
        let v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:P/VC:L/VI:L/VA:N/SC:L/SI:N/SA:N"
        let resolution = SeverityResolver.resolve(osPackage: false, packageSeverity: nil, statedSeverity: nil, vectors: [v4])
        #expect(resolution.cvss == CVSS(vector: v4, score: 4.8))
        #expect(resolution.severity == .medium)
        #expect(resolution.basis == .cvss)
    }

    @Test func resolverPrefersV3AndKeepsUnscorableV4() {
        let v3 = "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N"
        let v4 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"
        let both = SeverityResolver.resolve(osPackage: false, packageSeverity: nil, statedSeverity: nil, vectors: [v4, v3])
        #expect(both.cvss == CVSS(vector: v3, score: 3.1))
        #expect(both.severity == .low)
        let broken = "CVSS:4.0/AV:N/AC:L"
        let unscored = SeverityResolver.resolve(osPackage: false, packageSeverity: nil, statedSeverity: "HIGH", vectors: [broken])
        #expect(unscored.cvss == CVSS(vector: broken, score: nil))
        #expect(unscored.severity == .high)
        #expect(unscored.basis == .stated)
    }
}
