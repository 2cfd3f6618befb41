import Foundation
import ScanReport
import SpoolscanCore
import Testing
@testable import Advisories

@Suite("OSV records: ranges, versions, withdrawn, GIT")
struct OSVMatchingTests {
    @Test func introducedFixedRange() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["a.json": Fixture.osv(id: "PYSEC-1", name: "Demo_Pkg",
            ranges: Fixture.range([("introduced", "1.0"), ("fixed", "1.4.2")]))], in: folder)
        #expect(try Fixture.match(db, Fixture.package("demo-pkg", "0.9", .pypi)).isEmpty)
        let hit = try Fixture.match(db, Fixture.package("demo-pkg", "1.4.1", .pypi))
        #expect(hit.count == 1)
        #expect(hit.first?.id == "PYSEC-1")
        #expect(hit.first?.status == "fixed")
        #expect(hit.first?.fixedVersion == "1.4.2")
        #expect(hit.first?.source == "osv:PyPI")
        #expect(try Fixture.match(db, Fixture.package("demo-pkg", "1.4.2", .pypi)).isEmpty)
        #expect(try Fixture.match(db, Fixture.package("demo-pkg", "1.10", .pypi)).isEmpty)
    }

    @Test func lastAffectedAndOpenRanges() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database([
            "a.json": Fixture.osv(id: "OSV-LA", ecosystem: "npm", name: "left-pad",
                                  ranges: Fixture.range("SEMVER", [("introduced", "0"), ("last_affected", "1.2.0")])),
            "b.json": Fixture.osv(id: "OSV-OPEN", ecosystem: "npm", name: "right-pad",
                                  ranges: Fixture.range("SEMVER", [("introduced", "2.0.0")])),
        ], in: folder)
        let la = try Fixture.match(db, Fixture.package("left-pad", "1.2.0", .npm))
        #expect(la.map(\.id) == ["OSV-LA"])
        #expect(la.first?.status == "affected")
        #expect(la.first?.fixedVersion == nil)
        #expect(try Fixture.match(db, Fixture.package("left-pad", "1.2.1", .npm)).isEmpty)
        #expect(try Fixture.match(db, Fixture.package("right-pad", "1.9.9", .npm)).isEmpty)
        #expect(try Fixture.match(db, Fixture.package("right-pad", "3.0.0-beta.1", .npm)).map(\.status) == ["affected"])
    }

    @Test func multipleRangesAndLimit() throws {
        let range = VersionRange(kind: .ecosystem, events: [.introduced("1.0"), .fixed("1.2"), .introduced("2.0"), .fixed("2.3"), .limit("3.0")])
        let cmp = PEP440VersionComparator()
        #expect(RangeEvaluator.evaluate("1.1", range: range, comparator: cmp) == .affected(fixed: "1.2"))
        #expect(RangeEvaluator.evaluate("1.5", range: range, comparator: cmp) == .notAffected)
        #expect(RangeEvaluator.evaluate("2.2", range: range, comparator: cmp) == .affected(fixed: "2.3"))
        #expect(RangeEvaluator.evaluate("0.9", range: range, comparator: cmp) == .notAffected)
        let unordered = VersionRange(kind: .ecosystem, events: [.fixed("2.3"), .introduced("2.0"), .introduced("0")])
        #expect(RangeEvaluator.evaluate("0.1", range: unordered, comparator: cmp) == .affected(fixed: "2.3"))
        let reversedPair = VersionRange(kind: .ecosystem, events: [.fixed("2.0"), .introduced("1.0")])
        #expect(RangeEvaluator.evaluate("2.5", range: reversedPair, comparator: cmp) == .notAffected)
        #expect(RangeEvaluator.evaluate("1.5", range: reversedPair, comparator: cmp) == .affected(fixed: "2.0"))
        let lastAffected = VersionRange(kind: .ecosystem, events: [.introduced("1.0"), .lastAffected("1.5")])
        #expect(RangeEvaluator.evaluate("1.5", range: lastAffected, comparator: cmp) == .affected(fixed: nil))
        #expect(RangeEvaluator.evaluate("1.5.post1", range: lastAffected, comparator: cmp) == .notAffected)
        let limited = VersionRange(kind: .ecosystem, events: [.introduced("0"), .limit("5.0")])
        #expect(RangeEvaluator.evaluate("5.1", range: limited, comparator: cmp) == .notAffected)
        #expect(RangeEvaluator.evaluate("4.9", range: limited, comparator: cmp) == .affected(fixed: nil))
    }

    @Test func versionsList() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["a.json": Fixture.osv(id: "GHSA-list", ecosystem: "RubyGems", name: "rack",
            versions: ["2.0.1", "2.0.2"])], in: folder)
        #expect(try Fixture.match(db, Fixture.package("rack", "2.0.2", .gem)).map(\.id) == ["GHSA-list"])
        #expect(try Fixture.match(db, Fixture.package("rack", "2.0.3", .gem)).isEmpty)
    }

    @Test func withdrawnSkippedAndGitIgnored() throws {
        let folder = TemporaryFolder()
        let gitAndEco = Fixture.range("GIT", [("introduced", "abc123"), ("fixed", "def456")]) + ","
            + Fixture.range([("introduced", "0"), ("fixed", "2.0")])
        let db = try Fixture.database([
            "w.json": Fixture.osv(id: "PYSEC-W", name: "pkg", ranges: Fixture.range([("introduced", "0")]),
                                  extra: "\"withdrawn\": \"2024-02-01T00:00:00Z\","),
            "g.json": Fixture.osv(id: "PYSEC-G", name: "pkg", ranges: gitAndEco),
        ], in: folder)
        #expect(try Fixture.match(db, Fixture.package("pkg", "1.0", .pypi)).map(\.id) == ["PYSEC-G"])
        let source = try db.summary().sources.first { $0.name == "osv:PyPI" }
        #expect(source?.records == 1)
        #expect(source?.ignoredGitRanges == 1)
        #expect(source?.skippedWithdrawn == 1)
    }

    @Test func pep503NamesAndCaseRules() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database([
            "a.json": Fixture.osv(id: "PYSEC-N", name: "Zope.Interface", ranges: Fixture.range([("introduced", "0"), ("fixed", "5")])),
            "b.json": Fixture.osv(id: "GO-1", ecosystem: "Go", name: "github.com/Foo/Bar",
                                  ranges: Fixture.range("SEMVER", [("introduced", "0"), ("fixed", "1.2.0")])),
            "c.json": Fixture.osv(id: "GHSA-mvn", ecosystem: "Maven", name: "org.example:lib",
                                  ranges: Fixture.range([("introduced", "0"), ("fixed", "2.0")])),
        ], in: folder)
        #expect(PackageName.normalize("Zope__Interface", ecosystem: .pypi) == "zope-interface")
        #expect(try Fixture.match(db, Fixture.package("zope_interface", "4.0", .pypi)).count == 1)
        #expect(try Fixture.match(db, Fixture.package("ZOPE-interface", "4.0", .pypi)).count == 1)
        #expect(try Fixture.match(db, Fixture.package("github.com/Foo/Bar", "v1.1.0", .golang)).map(\.fixedVersion) == ["1.2.0"])
        #expect(try Fixture.match(db, Fixture.package("github.com/foo/bar", "v1.1.0", .golang)).isEmpty)
        let maven = Fixture.package("lib", "1.5", .maven, purl: "pkg:maven/org.example/lib@1.5")
        #expect(try Fixture.match(db, maven).map(\.id) == ["GHSA-mvn"])
    }

    @Test func aliasesMergedWithStablePrimary() throws {
        let folder = TemporaryFolder()
        let cvss = "\"severity\": [{\"type\": \"CVSS_V3\", \"score\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}],"
        let db = try Fixture.database([
            "1.json": Fixture.osv(id: "PYSEC-2018-28", name: "requests", ranges: Fixture.range([("introduced", "0"), ("fixed", "2.20.0")]),
                                  aliases: ["CVE-2018-18074", "GHSA-x84v-xcm2-53pg"]),
            "2.json": Fixture.osv(id: "GHSA-x84v-xcm2-53pg", name: "requests", ranges: Fixture.range([("introduced", "0"), ("fixed", "2.20.0")]),
                                  aliases: ["CVE-2018-18074"], extra: cvss),
        ], in: folder)
        let found = try Fixture.match(db, Fixture.package("requests", "2.19.1", .pypi))
        #expect(found.count == 1)
        #expect(found.first?.id == "CVE-2018-18074")
        #expect(found.first?.aliases == ["GHSA-x84v-xcm2-53pg", "PYSEC-2018-28"])
        #expect(found.first?.severity == .critical)
        #expect(found.first?.cvss?.score == 9.8)
    }

    @Test func statedSeverityUsedWithoutVector() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["a.json": Fixture.osv(id: "GHSA-sev", ecosystem: "npm", name: "x",
            ranges: Fixture.range("SEMVER", [("introduced", "0")]), extra: "\"database_specific\": {\"severity\": \"MODERATE\"},")],
            in: folder)
        #expect(try Fixture.match(db, Fixture.package("x", "1.0.0", .npm)).first?.severity == .medium)
    }

    @Test func unrecognisedFeedIsDB003() throws {
        let folder = TemporaryFolder()
        let path = folder.write("x.json", "{\"hello\": 1}")
        let error = #expect(throws: SpoolscanError.self) {
            try AdvisoryImporter(databasePath: folder.path + "/db").importFeeds([path])
        }
        #expect(error?.code == .dbImportFormat)
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/db"))
    }
}
