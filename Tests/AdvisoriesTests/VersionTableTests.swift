import Foundation
import Testing
@testable import Advisories

/// Checks every comparator against the ordering tables produced by each ecosystem's own tool or
/// documented test data (`scripts/gen-version-tables.py`).
@Suite("Version comparison tables")
struct VersionTableTests {
    static func table(_ name: String) throws -> [(String, String, Int)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/versions-\(name).tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(f[0]), String(f[1]), Int(f[2])!)
        }
    }

    static func check(_ comparator: some VersionComparator, table name: String, minimum: Int) throws {
        let rows = try table(name)
        #expect(rows.count >= minimum, "table \(name) has \(rows.count) rows")
        var failures: [String] = []
        for (a, b, expected) in rows {
            let got = comparator.compare(a, b).signum()
            let reverse = comparator.compare(b, a).signum()
            let pinned = comparator.pinned(a)(b).signum()
            if got != expected || reverse != -expected || pinned != expected {
                failures.append("\(a) vs \(b): want \(expected), got \(got)/\(reverse)/pinned \(pinned)")
            }
        }
        #expect(failures.isEmpty, "\(name): \(failures.count) of \(rows.count) wrong:\n\(failures.prefix(25).joined(separator: "\n"))")
    }

    @Test func dpkg() throws { try Self.check(DpkgVersionComparator(), table: "dpkg", minimum: 500) }
    @Test func rpm() throws { try Self.check(RpmVersionComparator(), table: "rpm", minimum: 500) }
    @Test func pep440() throws { try Self.check(PEP440VersionComparator(), table: "pep440", minimum: 500) }
    @Test func maven() throws { try Self.check(MavenVersionComparator(), table: "maven", minimum: 500) }
    @Test func apk() throws { try Self.check(ApkVersionComparator(), table: "apk", minimum: 500) }
    @Test func semver() throws { try Self.check(SemverVersionComparator(), table: "semver", minimum: 150) }
    @Test func go() throws { try Self.check(GoVersionComparator(), table: "go", minimum: 500) }
    @Test func rubygems() throws { try Self.check(RubyGemsVersionComparator(), table: "rubygems", minimum: 200) }
    @Test func composer() throws { try Self.check(ComposerVersionComparator(), table: "composer", minimum: 200) }
    @Test func nuget() throws { try Self.check(SemverVersionComparator(caseInsensitive: true), table: "nuget", minimum: 100) }

    @Test func lookupByEcosystem() {
        #expect(Ecosystem.debian.comparator.scheme == "dpkg")
        #expect(Ecosystem.alpine.comparator.scheme == "apk")
        #expect(Ecosystem.rocky.comparator.scheme == "rpm")
        #expect(Ecosystem.pypi.comparator.scheme == "pep440")
        #expect(Ecosystem.cratesIO.comparator.scheme == "semver")
        #expect(Ecosystem.nuget.comparator.scheme == "nuget")
        #expect(Ecosystem.packagist.comparator.scheme == "composer")
        #expect(Ecosystem.go.comparator.compare("1.19.8", "go1.19.10") < 0)
    }
}
