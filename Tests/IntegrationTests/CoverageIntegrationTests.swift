import Advisories
import Foundation
import ImageScanner
import ScanReport
import Testing

/// Real images against real advisory data from ../shared: a database with only PyPI records says
/// the OS packages were not checked; one with the image's Alpine release checks them.
@Suite(.serialized) struct CoverageIntegrationTests {
    static let haveData = SharedData.exists("vulndata/PyPI-all.zip") && SharedData.exists("vulndata/alpine-secdb/v3.7/main.json")
        && SharedData.exists("images/rootfs/alpine-minirootfs-3.7.3-x86_64.tar.gz")
    /// A Debian 12 image made by `../shared/images/build-debian.sh` (e.g. `debian12-minbase.tar`).
    static let debianImage = ProcessInfo.processInfo.environment["SPOOLSCAN_DEBIAN_IMAGE"] ?? ""

    static func database(_ feeds: [String]) throws -> String {
        let path = try SharedData.temporaryFolder() + "/advisories.db"
        _ = try AdvisoryImporter(databasePath: path).importFeeds(feeds.map(SharedData.path))
        return path
    }

    /// Removes the temporary folder of a database made by ``database(_:)``.
    static func remove(_ database: String) {
        try? FileManager.default.removeItem(atPath: (database as NSString).deletingLastPathComponent)
    }

    @Test(.enabled(if: haveData, "needs ../shared/vulndata and ../shared/images/rootfs (not part of the repository)"))
    func alpineAgainstPyPIOnlyThenAgainstItsRelease() throws {
        let image = try SharedData.alpineImage("alpine-minirootfs-3.7.3-x86_64.tar.gz", format: "docker")
        let pypiOnly = try Self.database(["vulndata/PyPI-all.zip"])
        defer { Self.remove(pypiOnly) }
        let report = try ImageScanner(options: ScanOptions(databasePath: pypiOnly, maxDatabaseAgeDays: 100_000)).scan(path: image)
        let apk = report.artifact.images[0].packages.filter { $0.type == .apk }.count
        #expect(apk > 10)
        #expect(report.warnings.filter { $0.code == "DB-008" }
                == [ReportWarning(.dbNoCoverage, "no advisories for Alpine 3.7 in the database: \(apk) apk packages not checked")])
        let text = ReportRenderer().render(report)
        #expect(text.contains("\(apk) apk packages not checked (no advisories for Alpine 3.7)"))
        #expect(!text.contains("Vulnerabilities (0)"))

        let alpine = try Self.database(["vulndata/alpine-secdb/v3.7/main.json"])
        defer { Self.remove(alpine) }
        let checked = try ImageScanner(options: ScanOptions(databasePath: alpine, maxDatabaseAgeDays: 100_000)).scan(path: image)
        #expect(!checked.warnings.contains { $0.code == "DB-008" })
        let musl = checked.artifact.images[0].vulnerabilities.first { $0.id == "CVE-2019-14697" }
        #expect(musl?.path == "lib/apk/db/installed")
    }

    @Test(.enabled(if: !debianImage.isEmpty && SharedData.exists("vulndata/PyPI-all.zip"),
                   "set SPOOLSCAN_DEBIAN_IMAGE to an image made by ../shared/images/build-debian.sh to run this"))
    func debianAgainstPyPIOnly() throws {
        let pypiOnly = try Self.database(["vulndata/PyPI-all.zip"])
        defer { Self.remove(pypiOnly) }
        let report = try ImageScanner(options: ScanOptions(databasePath: pypiOnly, maxDatabaseAgeDays: 100_000)).scan(path: Self.debianImage)
        let debs = report.artifact.images[0].packages.filter { $0.type == .deb }.count
        #expect(debs > 50)
        #expect(report.warnings.contains(ReportWarning(.dbNoCoverage, "no advisories for Debian 12 in the database: \(debs) deb packages not checked")))
        #expect(ReportRenderer().render(report).contains("\(debs) deb packages not checked (no advisories for Debian 12)"))
    }
}
