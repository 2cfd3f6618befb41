import Foundation
import Testing
import ScanReport
@testable import PackageCatalog

@Suite struct DpkgTests {
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dpkg-query"), "this machine has no dpkg-query"))
    func machineStatusMatchesDpkgQuery() throws {
        let status = try #require(Fixtures.machineFile("/var/lib/dpkg/status"))
        let query = try #require(Fixtures.run("/usr/bin/dpkg-query", ["-W", "-f", "${db:Status-Abbrev}|${Package}|${Version}|${source:Package}|${source:Version}\n"]))
        let started = ContinuousClock.now
        let records = DpkgCataloguer.parse(status)
        print("dpkg status: \(status.count) bytes, \(records.count) packages parsed in \(ContinuousClock.now - started)")
        let installed = query.split(separator: "\n").map { $0.split(separator: "|", omittingEmptySubsequences: false).map(String.init) }
            .filter { $0.first?.hasPrefix("i") == true || $0.first?.hasPrefix("h") == true }
        #expect(records.count == installed.count)
        #expect(records.count > 50)
        let byName = Dictionary(records.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for row in installed.prefix(2000) {
            let record = try #require(byName[row[1]], "dpkg-query lists \(row[1]), the parser does not")
            #expect(record.version == row[2])
            #expect(record.sourceName == row[3], "source of \(row[1])")
            #expect(record.sourceVersion == row[4], "source version of \(row[1])")
        }
    }

    @Test func statusSkipsPackagesNotInstalled() {
        let status = """
        Package: gone
        Status: deinstall ok config-files
        Version: 1.0
        Architecture: amd64

        Package: kept
        Status: hold ok installed
        Version: 2:3.4-5
        Source: kept-src (3.4-4)
        Architecture: arm64
        Description: one line
         a continuation: that looks like a field
        Homepage: https://example.org

        Package: nostatus
        Version: 1
        """
        let records = DpkgCataloguer.parse(Array(status.utf8))
        #expect(records == [PackageRecord(name: "kept", version: "2:3.4-5", type: .deb, sourceName: "kept-src",
                                          sourceVersion: "3.4-4", arch: "arm64")])
    }

    @Test func distrolessStatusFiles() throws {
        let libssl = DpkgCataloguer.parse(try Fixtures.bytes("statusd-libssl3"), requireInstalled: false)
        #expect(libssl.count == 1)
        #expect(libssl.first?.name == "libssl3")
        #expect(libssl.first?.sourceName == "openssl")
        #expect(libssl.first?.sourceVersion == libssl.first?.version)
        #expect(libssl.first?.arch == "amd64")
        #expect(DpkgCataloguer.parse(try Fixtures.bytes("statusd-libssl3")).isEmpty, "no Status: not installed in a status file")
        #expect(DpkgCataloguer.isStatusDirectoryFile("var/lib/dpkg/status.d/libssl3"))
        #expect(!DpkgCataloguer.isStatusDirectoryFile("var/lib/dpkg/status.d/libssl3.md5sums"))
    }

    @Test func dep5CopyrightLicences() throws {
        #expect(DpkgCopyright.licenses(try Fixtures.bytes("copyright-tzdata-dep5")) == ["public-domain"])
        #expect(DpkgCopyright.licenses(try Fixtures.bytes("copyright-libfile-fcntllock-perl"))
                == ["Artistic or GPL-1+", "Artistic", "GPL-1+"])
        let freeForm = "This is the Debian prepackaged version of the GNU C Library.\nLicense: not a field here\n"
        #expect(DpkgCopyright.licenses(Array(freeForm.utf8)).isEmpty)
        #expect(DpkgCopyright.packageName(ofCopyrightPath: "usr/share/doc/tzdata/copyright") == "tzdata")
        #expect(DpkgCopyright.packageName(ofCopyrightPath: "usr/share/doc/tzdata/changelog.gz") == nil)
    }

    @Test func purlUsesOSNamespaceAndMajorRelease() {
        let record = PackageRecord(name: "bsdutils", version: "1:2.38.1-5+b1", type: .deb, arch: "amd64")
        let debian = OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)")
        #expect(PackageURL.make(for: record, os: debian) == "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bb1?arch=amd64&distro=debian-12")
        let ubuntu = OSInfo(family: "ubuntu", version: "22.04", name: "Ubuntu 22.04.4 LTS")
        #expect(PackageURL.make(for: record, os: ubuntu) == "pkg:deb/ubuntu/bsdutils@1:2.38.1-5%2Bb1?arch=amd64&distro=ubuntu-22.04")
        #expect(PackageURL.make(for: record, os: nil) == "pkg:deb/debian/bsdutils@1:2.38.1-5%2Bb1?arch=amd64")
    }
}
