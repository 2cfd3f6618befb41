import Testing
import ImageReader
import ScanReport
import SpoolscanCore
@testable import PackageCatalog

@Suite struct FinalViewTests {
    static let apkBase = "P:musl\nV:1.2.5-r0\nA:x86_64\no:musl\nL:MIT\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\nL:GPL-2.0-only\n\n"
    static let apkUpgraded = "P:musl\nV:1.2.5-r1\nA:x86_64\no:musl\nL:MIT\n\n"

    static func pipMetadata(_ name: String, _ version: String) -> String {
        "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\nLicense: MIT\n\nLong description.\n"
    }

    @Test func laterLayerReplacesPackageDatabase() throws {
        var base = TestImage.Layer()
        base.file("etc/alpine-release", "3.20.3\n")
        base.file("lib/apk/db/installed", Self.apkBase)
        var upgrade = TestImage.Layer()
        upgrade.file("lib/apk/db/installed", Self.apkUpgraded)
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [base, upgrade]).feed(cataloguer))
        #expect(result.packages.map { "\($0.name)@\($0.version)" } == ["musl@1.2.5-r1"])
        #expect(result.packages.first?.layer == LayerRef(index: 1, diffID: TestImage.diffID(ofLayer: 1)))
        #expect(result.packages.first?.purl == "pkg:apk/alpine/musl@1.2.5-r1?arch=x86_64&distro=alpine-3.20.3")
    }

    @Test func whiteoutRemovesPackagesAndAddedOnesBelongToTheirLayer() throws {
        var base = TestImage.Layer()
        base.file("usr/lib/python3/site-packages/old-1.0.dist-info/METADATA", Self.pipMetadata("old", "1.0"))
        base.file("usr/lib/python3/site-packages/kept-2.0.dist-info/METADATA", Self.pipMetadata("kept", "2.0"))
        base.file("app/node_modules/left-pad/package.json", #"{"name":"left-pad","version":"1.3.0"}"#)
        var second = TestImage.Layer()
        second.whiteout("usr/lib/python3/site-packages/old-1.0.dist-info")
        second.opaque("app/node_modules")
        second.file("usr/lib/python3/site-packages/Added_Pkg-3.0.dist-info/METADATA", Self.pipMetadata("Added_Pkg", "3.0"))
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [base, second]).feed(cataloguer))
        #expect(result.packages.map(\.name) == ["Added_Pkg", "kept"])
        #expect(result.packages.map(\.layer.index) == [1, 0])
        #expect(result.packages.first?.purl == "pkg:pypi/added-pkg@3.0")
        #expect(result.packages.first?.paths == ["usr/lib/python3/site-packages/Added_Pkg-3.0.dist-info/METADATA"])
    }

    @Test func rewrittenDatabaseKeepsBasePackagesInTheBaseLayer() throws {
        func status(_ packages: [(String, String)]) -> String {
            packages.map { "Package: \($0.0)\nStatus: install ok installed\nVersion: \($0.1)\nArchitecture: amd64\n" }
                .joined(separator: "\n")
        }
        var base = TestImage.Layer()
        base.file("var/lib/dpkg/status", status([("libc6", "2.36-9"), ("zlib1g", "1:1.2.13"), ("tar", "1.34")]))
        var second = TestImage.Layer()
        second.file("var/lib/dpkg/status", status([("libc6", "2.36-9"), ("zlib1g", "1:1.2.13"), ("tar", "1.34"), ("curl", "7.88")]))
        var third = TestImage.Layer()
        third.file("var/lib/dpkg/status", status([("libc6", "2.36-9+deb12u4"), ("zlib1g", "1:1.2.13"), ("curl", "7.88")]))
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [base, second, third]).feed(cataloguer))
        #expect(result.packages.map { "\($0.name)@\($0.layer.index)" } == ["curl@1", "libc6@2", "zlib1g@0"])
        #expect(result.packages.allSatisfy { $0.layer.diffID == TestImage.diffID(ofLayer: $0.layer.index) })
    }

    @Test func sharedCataloguerServesImagesWithDifferentLayers() throws {
        var base = TestImage.Layer()
        base.file("lib/apk/db/installed", Self.apkBase)
        var upgrade = TestImage.Layer()
        upgrade.file("lib/apk/db/installed", Self.apkUpgraded)
        let cataloguer = PackageCataloguer()
        let both = TestImage(layers: [base, upgrade])
        let full = both.feed(cataloguer, order: [1, 0], chunkSize: 7)
        var baseOnly = full
        baseOnly.layers = [full.layers[0]]
        baseOnly.filesystem = ImageFilesystem(layers: [base.entries])
        #expect(try cataloguer.catalogue(image: full).packages.count == 1)
        #expect(try cataloguer.catalogue(image: baseOnly).packages.map(\.name) == ["busybox", "musl"])
    }

    @Test func imageWithUnreadLayerIsAnError() {
        var layer = TestImage.Layer()
        layer.file("etc/alpine-release", "3.20.3\n")
        let cataloguer = PackageCataloguer()
        #expect(throws: SpoolscanError.self) { try cataloguer.catalogue(image: TestImage(layers: [layer]).image) }
    }

    @Test func oversizedAndMalformedFilesBecomeWarnings() throws {
        var layer = TestImage.Layer()
        var huge = ""
        for index in 0..<400 { huge += "Package: p\(index)\nStatus: install ok installed\nVersion: 1.\(index)\n\n" }
        layer.file("var/lib/dpkg/status", huge)
        layer.file("usr/lib/python3/site-packages/bad-1.dist-info/METADATA", [0xFF, 0x00, 0x13, 0x37, 0x0A])
        layer.file("srv/node_modules/broken/package.json", "{\"name\": \"broken\", ")
        layer.file("usr/share/gems/specifications/x-1.gemspec", "puts 'hello'\n")
        layer.file("var/lib/rpm/rpmdb.sqlite", "not sqlite at all, just text")
        layer.file("opt/app.jar", "PK\u{3}\u{4} truncated zip")
        var limits = ScanLimits.standard
        limits.maxCapturedFileBytes = 4096
        let cataloguer = PackageCataloguer(limits: limits)
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer, chunkSize: 1000))
        #expect(result.packages.isEmpty)
        let paths = Set(result.warnings.map { String($0.prefix { $0 != ":" }) })
        #expect(paths == ["var/lib/dpkg/status", "usr/lib/python3/site-packages/bad-1.dist-info/METADATA",
                          "srv/node_modules/broken/package.json", "usr/share/gems/specifications/x-1.gemspec",
                          "var/lib/rpm/rpmdb.sqlite", "opt/app.jar"])
    }

    @Test func emptyFilesOfEveryKind() throws {
        var layer = TestImage.Layer()
        for path in ["etc/os-release", "var/lib/dpkg/status", "var/lib/dpkg/status.d/x", "usr/share/doc/x/copyright",
                     "lib/apk/db/installed", "var/lib/rpm/rpmdb.sqlite", "var/lib/rpm/Packages", "a.dist-info/METADATA",
                     "node_modules/a/package.json", "a.jar", "specifications/a.gemspec", "vendor/composer/installed.json"] {
            layer.file(path, [UInt8]())
        }
        layer.file("bin/empty", [UInt8](), mode: 0o755)
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer))
        #expect(result.os?.version == "unknown", "a status.d folder still says distroless Debian")
        #expect(result.packages.isEmpty)
        #expect(result.warnings.map { String($0.prefix { $0 != ":" }) } == [
            "a.dist-info/METADATA", "a.jar", "node_modules/a/package.json", "specifications/a.gemspec",
            "var/lib/rpm/Packages", "var/lib/rpm/rpmdb.sqlite", "vendor/composer/installed.json",
        ])
    }

    @Test func hiddenFileWarningsAreNotReported() throws {
        var base = TestImage.Layer()
        base.file("srv/node_modules/broken/package.json", "{")
        var second = TestImage.Layer()
        second.whiteout("srv/node_modules/broken")
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [base, second]).feed(cataloguer))
        #expect(result.warnings.isEmpty)
    }

    @Test func berkeleyAndSQLiteRPMDatabases() throws {
        var base = TestImage.Layer()
        base.file("etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n")
        base.file("var/lib/rpm/Packages", try Fixtures.bytes("rpmdb-bdb-4096.Packages"))
        let cataloguer = PackageCataloguer()
        let old = TestImage(layers: [base])
        let result = try cataloguer.catalogue(image: old.feed(cataloguer))
        #expect(result.packages.map(\.purl) == [
            "pkg:rpm/centos/spoolscan-fixture-hello@1.2.3-4.fc40?arch=noarch&distro=centos-7.9.2009&epoch=2",
            "pkg:rpm/centos/spoolscan-fixture-lib@0.9-1?arch=x86_64&distro=centos-7.9.2009",
        ])
        #expect(result.packages.allSatisfy { $0.paths == ["var/lib/rpm/Packages"] })
        var migrated = base
        migrated.file("var/lib/rpm/rpmdb.sqlite", try Fixtures.bytes("rpmdb.sqlite"))
        let second = PackageCataloguer()
        let both = try second.catalogue(image: TestImage(layers: [migrated]).feed(second))
        #expect(both.packages.map(\.paths) == [["var/lib/rpm/rpmdb.sqlite"], ["var/lib/rpm/rpmdb.sqlite"]])
    }
}
