import Testing
@testable import Advisories

/// The in-place comparisons (``PlainRelease``, ``GoVersionShape``) must order exactly as the full parsers do.
@Suite struct PlainReleaseTests {
    static let versions = ["0", "0.0", "0.0.0", "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2.3", "1.10", "1.9.9", "2",
                           "2.0.0", "10.0", "01.2", "1.02", "999999999999999999", "1.2.3.4", "1.2.3.4.0", "20190101"]

    @Test func pep440AgreesWithTheParser() throws {
        for a in Self.versions {
            for b in Self.versions {
                let full = PEP440Version.compare(try #require(PEP440Version(a)), try #require(PEP440Version(b)))
                #expect(PEP440VersionComparator.plainCompare(a, b) == full, "\(a) vs \(b)")
                #expect(PEP440VersionComparator().pinned(a)(b) == full, "pinned \(a) vs \(b)")
            }
        }
    }

    @Test func goAgreesWithTheParser() throws {
        let go = Self.versions.flatMap { ["v" + $0, $0, "go" + $0] } + [
            "v1.2.3-pre", "1.2.3+incompatible", "v01.2", "gov1.2", "v1.2.3-rc.1", "v1.2.3-rc.01", "v1.2.3-0.20191109021931-daa7c04131f5",
            "v0.0.0-20191109021931-daa7c04131f5", "v1.2.4-0.20200101000000-abcdef", "v1.2.3-", "v1.2.3-a..b", "v1.2-pre",
            "v1.2.3+build.1", "v1.2.3-beta+build", "v2.0.0+incompatible", "v1.2.3-é", "1.2.3-alpha-1",
        ]
        for a in go {
            for b in go {
                let full: Int
                switch (GoVersionComparator.parse(a), GoVersionComparator.parse(b)) {
                case let (x?, y?): full = SemanticVersion.compare(x, y)
                case (nil, nil): full = 0
                case (nil, _): full = -1
                case (_, nil): full = 1
                }
                #expect(GoVersionComparator().compare(a, b) == full, "\(a) vs \(b)")
                #expect(GoVersionComparator().pinned(a)(b) == full, "pinned \(a) vs \(b)")
                if let quick = GoVersionShape.compare(a, b) { #expect(quick == full, "shape \(a) vs \(b)") }
            }
        }
    }

    @Test func onlyPlainReleasesTakeTheShortcut() {
        #expect(PEP440VersionComparator.plainCompare("1.0rc1", "1.0") == nil)
        #expect(PEP440VersionComparator.plainCompare("v1.0", "1.0") == nil)
        #expect(PEP440VersionComparator.plainCompare("1.0.", "1.0") == nil)
        #expect(PEP440VersionComparator.plainCompare("1234567890123456789", "1") == nil)   // 19 digits
        #expect(GoVersionShape.compare("v1.2.3.4", "v1") == nil)                   // Go has 3 parts at most
        #expect(GoVersionShape.compare("v01.2", "v1") == nil)                       // no leading zeros in Go
        #expect(GoVersionShape.compare("v1.2.3-rc.1", "v1.2.3-rc.2") == nil)        // pre-releases of one release
        #expect(GoVersionShape.compare("v1.2.3-rc.1", "v1.2.3") == -1)
        #expect(GoVersionShape.compare("v1.2-rc.1", "v1") == nil)                   // a suffix needs three numbers
        #expect(GoVersionShape.compare("go1.21.3", "v1.21.3") == 0)
    }
}
