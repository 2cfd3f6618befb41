import Foundation
import ScanReport
import SpoolscanCore
import Testing
@testable import Advisories

@Suite("Alpine secdb and Debian tracker feeds")
struct DistroFeedTests {
    static let alpine37 = OSInfo(family: "alpine", version: "3.7.3", name: "Alpine Linux v3.7")
    static let debian12 = OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)", codename: "bookworm")
    static let debian11 = OSInfo(family: "debian", version: "11.9", name: "Debian GNU/Linux 11 (bullseye)", codename: "bullseye")

    static let secdb = """
        {"distroversion": "v3.7", "reponame": "main", "packages": [
          {"pkg": {"name": "musl", "secfixes": {"1.1.18-r4": ["CVE-2019-14697"], "0": ["CVE-2020-0000"]}}},
          {"pkg": {"name": "openssl", "secfixes": {"1.0.2t-r0": ["CVE-2019-1547 CVE-2019-1563"]}}}
        ]}
        """

    @Test func alpineFixedAndNeverAffected() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["main.json": Self.secdb], in: folder)
        let musl = Fixture.package("musl", "1.1.18-r3", .apk, source: "musl")
        let found = try Fixture.match(db, os: Self.alpine37, musl)
        #expect(found.map(\.id) == ["CVE-2019-14697"])
        #expect(found.first?.fixedVersion == "1.1.18-r4")
        #expect(found.first?.source == "alpine-secdb:v3.7")
        #expect(try Fixture.match(db, os: Self.alpine37, Fixture.package("musl", "1.1.18-r4", .apk)).isEmpty)
        // Sub-packages match by origin; two ids in one string are split.
        let libssl = Fixture.package("libssl1.0", "1.0.2s-r0", .apk, source: "openssl")
        #expect(Set(try Fixture.match(db, os: Self.alpine37, libssl).map(\.id)) == ["CVE-2019-1547", "CVE-2019-1563"])
        // Another Alpine branch does not match v3.7 advisories.
        let alpine38 = OSInfo(family: "alpine", version: "3.8.5", name: "Alpine Linux v3.8")
        #expect(try Fixture.match(db, os: alpine38, musl).isEmpty)
    }

    @Test func alpineZeroKeySuppressesOtherFeeds() throws {
        let folder = TemporaryFolder()
        let osv = Fixture.osv(id: "ALPINE-CVE-2020-0000", ecosystem: "Alpine:v3.7", name: "musl",
                              ranges: Fixture.range([("introduced", "0")]), aliases: ["CVE-2020-0000"])
        let db = try Fixture.database(["main.json": Self.secdb, "osv.json": osv], in: folder)
        let found = try Fixture.match(db, os: Self.alpine37, Fixture.package("musl", "1.1.18-r4", .apk))
        #expect(found.isEmpty)
    }

    static let tracker = """
        {"openssl": {
           "CVE-2024-0001": {"description": "fixed one", "releases": {
               "bookworm": {"status": "resolved", "fixed_version": "3.0.13-1~deb12u1", "urgency": "high"},
               "bullseye": {"status": "resolved", "fixed_version": "0", "urgency": "low"}}},
           "CVE-2024-0002": {"releases": {"bookworm": {"status": "open", "urgency": "medium"}}},
           "CVE-2024-0003": {"releases": {"bookworm": {"status": "open", "nodsa": "Minor issue", "nodsa_reason": "", "urgency": "low"}}},
           "CVE-2024-0004": {"releases": {"bookworm": {"status": "open", "nodsa": "x", "nodsa_reason": "postponed", "urgency": "unimportant"}}},
           "CVE-2024-0005": {"releases": {"bookworm": {"status": "undetermined", "urgency": "not yet assigned"}}},
           "CVE-2024-0006": {"releases": {"bookworm": {"status": "not-affected"}}},
           "CVE-2024-0007": {"releases": {"bookworm": {"status": "no-dsa", "urgency": "low"}}},
           "CVE-2024-0008": {"releases": {"bookworm": {"status": "postponed", "urgency": "medium**"}}},
           "CVE-2024-0009": {"releases": {"bookworm": {"status": "ignored", "urgency": "low"}}}
        }}
        """

    @Test func debianStatusesAndUrgency() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["debian-tracker.json": Self.tracker], in: folder)
        let libssl = Fixture.package("libssl3", "3.0.11-1~deb12u2", .deb, source: "openssl")
        let found = Dictionary(uniqueKeysWithValues: try Fixture.match(db, os: Self.debian12, libssl).map { ($0.id, $0) })
        #expect(found.keys.sorted() == ["CVE-2024-0001", "CVE-2024-0002", "CVE-2024-0003", "CVE-2024-0004",
                                        "CVE-2024-0007", "CVE-2024-0008", "CVE-2024-0009"])
        #expect(found["CVE-2024-0001"]?.status == "fixed")
        #expect(found["CVE-2024-0001"]?.fixedVersion == "3.0.13-1~deb12u1")
        #expect(found["CVE-2024-0001"]?.severity == .high)
        #expect(found["CVE-2024-0001"]?.installedVersion == "3.0.11-1~deb12u2")
        #expect(found["CVE-2024-0002"]?.status == "affected")
        #expect(found["CVE-2024-0002"]?.severity == .medium)
        #expect(found["CVE-2024-0003"]?.status == "will_not_fix")
        #expect(found["CVE-2024-0004"]?.status == "fix_deferred")
        #expect(found["CVE-2024-0004"]?.severity == .negligible)
        #expect(found["CVE-2024-0007"]?.status == "will_not_fix")
        #expect(found["CVE-2024-0008"]?.status == "fix_deferred")
        #expect(found["CVE-2024-0008"]?.severity == .medium)
        #expect(found["CVE-2024-0009"]?.status == "will_not_fix")
        #expect(found["CVE-2024-0002"]?.references == ["https://security-tracker.debian.org/tracker/CVE-2024-0002"])
        // Fixed packages are clean.
        let patched = Fixture.package("libssl3", "3.0.13-1~deb12u1", .deb, source: "openssl")
        #expect(try Fixture.match(db, os: Self.debian12, patched).map(\.id).contains("CVE-2024-0001") == false)
    }

    @Test func debian12AdvisoryNeverMatchesDebian11() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["debian-tracker.json": Self.tracker], in: folder)
        let libssl = Fixture.package("libssl1.1", "1.1.1n-0+deb11u5", .deb, source: "openssl")
        #expect(try Fixture.match(db, os: Self.debian11, libssl).isEmpty)
        // A deb package on an Alpine image, or without an OS, is not matched against Debian advisories.
        #expect(try Fixture.match(db, os: Self.alpine37, libssl).isEmpty)
        #expect(try Fixture.match(db, os: nil, libssl).isEmpty)
    }

    @Test func sourceVersionIsComparedWhenRecorded() throws {
        let folder = TemporaryFolder()
        let db = try Fixture.database(["debian-tracker.json": Self.tracker], in: folder)
        // A binary whose own version differs from its source's (binNMU or a different scheme).
        let binary = Fixture.package("openssl-tool", "9:1.0-1", .deb, source: "openssl", sourceVersion: "3.0.11-1~deb12u2")
        let found = try Fixture.match(db, os: Self.debian12, binary)
        #expect(found.contains { $0.id == "CVE-2024-0001" && $0.installedVersion == "9:1.0-1" })
    }
}
