import Testing
import ScanReport
@testable import PackageCatalog

@Suite struct OSDetectorTests {
    @Test func debianOSReleaseThroughSymlinkWithPointRelease() throws {
        var layer = TestImage.Layer()
        layer.file("usr/lib/os-release", try Fixtures.bytes("os-release-debian12"))
        layer.symlink("etc/os-release", to: "../usr/lib/os-release")
        layer.file("etc/debian_version", "12.7\n")
        let cataloguer = PackageCataloguer()
        let image = TestImage(layers: [layer]).feed(cataloguer)
        let os = try cataloguer.catalogue(image: image).os
        #expect(os == OSInfo(family: "debian", version: "12.7", name: "Debian GNU/Linux 12 (bookworm)", codename: "bookworm"))
    }

    @Test func osReleaseFieldsAndQuotes() {
        let text = "NAME=\"Rocky Linux\"\nVERSION_ID='9.4'\nID=rocky\n# comment\nPRETTY_NAME=\"Rocky Linux 9.4 (Blue Onyx)\"\n"
        #expect(OSDetector.fromOSRelease(Array(text.utf8)) == OSInfo(family: "rocky", version: "9.4", name: "Rocky Linux 9.4 (Blue Onyx)"))
        #expect(OSDetector.fromOSRelease(Array("garbage\u{0}\u{1}".utf8)) == nil)
    }

    @Test func redHatFamilyReleaseFiles() {
        let cases: [(String, String, String, String?)] = [
            ("CentOS Linux release 7.9.2009 (Core)", "centos", "7.9.2009", "Core"),
            ("Rocky Linux release 9.4 (Blue Onyx)", "rocky", "9.4", "Blue Onyx"),
            ("AlmaLinux release 8.10 (Cerulean Leopard)", "almalinux", "8.10", "Cerulean Leopard"),
            ("Red Hat Enterprise Linux release 9.3 (Plow)", "rhel", "9.3", "Plow"),
            ("Fedora release 40 (Forty)", "fedora", "40", "Forty"),
            ("Amazon Linux release 2023.4.20240611 (Amazon Linux)", "amzn", "2023.4.20240611", "Amazon Linux"),
        ]
        for (line, family, version, codename) in cases {
            let info = OSDetector.fromRedHatRelease(Array((line + "\n").utf8))
            #expect(info == OSInfo(family: family, version: version, name: line, codename: codename), "\(line)")
        }
        #expect(OSDetector.fromRedHatRelease(Array("hello world".utf8)) == nil)
    }

    @Test func releaseFilesWithoutOSRelease() throws {
        func detect(_ files: [String: String], statusD: Bool = false) -> OSInfo? {
            OSDetector.detect(read: { files[$0].map { Array($0.utf8) } }, hasDistrolessStatus: statusD)
        }
        #expect(detect(["etc/alpine-release": "3.20.3\n"])?.version == "3.20.3")
        #expect(detect(["etc/centos-release": "CentOS Linux release 7.9.2009 (Core)\n"])?.family == "centos")
        #expect(detect([:], statusD: true) == OSInfo(family: "debian", version: "unknown", name: "Debian GNU/Linux unknown"))
        #expect(detect(["etc/debian_version": "11.9\n"], statusD: true)
                == OSInfo(family: "debian", version: "11.9", name: "Debian GNU/Linux 11", codename: "bullseye"))
        #expect(detect(["etc/debian_version": "bookworm/sid\n"]) == nil)
        #expect(detect([:]) == nil)
    }

    @Test func distrolessImageFromStatusFolder() throws {
        var layer = TestImage.Layer()
        layer.file("var/lib/dpkg/status.d/libssl3", try Fixtures.bytes("statusd-libssl3"))
        layer.file("var/lib/dpkg/status.d/libssl3.md5sums", "d41d8cd98f00b204e9800998ecf8427e  usr/lib/x\n")
        layer.file("var/lib/dpkg/status.d/tzdata", try Fixtures.bytes("statusd-tzdata"))
        layer.file("var/lib/dpkg/status.d/base", try Fixtures.bytes("statusd-base-files"))
        layer.file("etc/debian_version", "12.11\n")
        layer.file("usr/share/doc/tzdata/copyright", try Fixtures.bytes("copyright-tzdata-dep5"))
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer))
        #expect(result.os?.family == "debian")
        #expect(result.os?.version == "12.11")
        #expect(result.os?.codename == "bookworm")
        #expect(result.packages.map(\.name) == ["base-files", "libssl3", "tzdata"])
        let tzdata = try #require(result.packages.last)
        #expect(tzdata.licenses == ["public-domain"])
        #expect(tzdata.paths == ["var/lib/dpkg/status.d/tzdata"])
        #expect(tzdata.purl.hasSuffix("?arch=all&distro=debian-12"))
        #expect(result.warnings.isEmpty)
    }
}
