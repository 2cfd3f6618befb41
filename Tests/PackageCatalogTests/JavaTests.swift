import Testing
import ScanReport
@testable import PackageCatalog

@Suite struct JavaTests {
    @Test func realJarWithPomProperties() throws {
        let result = JavaArchiveCataloguer.parse(try Fixtures.bytes("plexus-component-annotations-2.1.1.jar"),
                                                 fileName: "plexus-component-annotations-2.1.1.jar")
        #expect(result.warnings.isEmpty)
        #expect(result.records == [PackageRecord(name: "org.codehaus.plexus:plexus-component-annotations", version: "2.1.1", type: .maven)])
        #expect(PackageURL.make(for: result.records[0], os: nil)
                == "pkg:maven/org.codehaus.plexus/plexus-component-annotations@2.1.1")
    }

    @Test func realJarWithManifestOnly() throws {
        let result = JavaArchiveCataloguer.parse(try Fixtures.bytes("javax.inject-1.0.jar"), fileName: "javax.inject-1.0.jar")
        #expect(result.records == [PackageRecord(name: "javax.inject:javax.inject", version: "1.0.0", type: .maven)])
    }

    @Test func manifestFallbackRules() {
        let implementation = "Manifest-Version: 1.0\r\nImplementation-Title: commons-la\r\n ng\r\nImplementation-Version: 2.6\r\nImplementation-Vendor-Id: commons-lang\r\n\r\nName: x\r\n"
        #expect(JavaManifest.record(manifest: Array(implementation.utf8), fileName: "commons-lang.jar")
                == PackageRecord(name: "commons-lang:commons-lang", version: "2.6", type: .maven))
        #expect(JavaManifest.record(manifest: Array(implementation.utf8), fileName: ".jar")?.name == "commons-lang:commons-lang")
        let bundle = "Bundle-SymbolicName: org.example.core;singleton:=true\nBundle-Version: 4.1.0.v2020\n"
        #expect(JavaManifest.record(manifest: Array(bundle.utf8), fileName: "core.jar")
                == PackageRecord(name: "org.example.core:core", version: "4.1.0.v2020", type: .maven))
        #expect(JavaManifest.record(manifest: Array("Manifest-Version: 1.0\n".utf8), fileName: "aopalliance-1.0.jar")
                == PackageRecord(name: "aopalliance", version: "1.0", type: .maven))
        #expect(JavaManifest.record(manifest: Array("Manifest-Version: 1.0\n".utf8), fileName: "app.jar") == nil)
        #expect(JavaManifest.splitFileName("guice-no-aop-4.2.3.jar") == ("guice-no-aop", "4.2.3"))
        #expect(JavaManifest.splitFileName("jsr305-0.1~+svn49.jar") == ("jsr305", "0.1~+svn49"))
        #expect(JavaManifest.splitFileName("maven3-core.jar") == ("maven3-core", nil))
    }

    @Test func springBootJarWithNestedLibraries() throws {
        let inner = try Fixtures.bytes("plexus-component-annotations-2.1.1.jar")
        let manifestOnly = try Fixtures.bytes("javax.inject-1.0.jar")
        let pom = "groupId=com.example\nartifactId=demo-app\nversion=0.0.1-SNAPSHOT\n"
        let boot = ArchiveHelpers.zip([
            ("META-INF/MANIFEST.MF", Array("Manifest-Version: 1.0\nMain-Class: org.springframework.boot.loader.JarLauncher\n".utf8)),
            ("META-INF/maven/com.example/demo-app/pom.properties", Array(pom.utf8)),
            ("BOOT-INF/classes/App.class", [0xCA, 0xFE, 0xBA, 0xBE]),
            ("BOOT-INF/lib/plexus-component-annotations-2.1.1.jar", inner),
            ("BOOT-INF/lib/javax.inject-1.0.jar", manifestOnly),
        ])
        let war = ArchiveHelpers.zip([("WEB-INF/lib/app.jar", boot)])
        var layer = TestImage.Layer()
        layer.file("srv/app.war", war)
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer, chunkSize: 1000))
        #expect(result.warnings.isEmpty)
        #expect(result.packages.map { "\($0.name)@\($0.version) \($0.paths[0])" } == [
            "com.example:demo-app@0.0.1-SNAPSHOT srv/app.war!/WEB-INF/lib/app.jar",
            "javax.inject:javax.inject@1.0.0 srv/app.war!/WEB-INF/lib/app.jar!/BOOT-INF/lib/javax.inject-1.0.jar",
            "org.codehaus.plexus:plexus-component-annotations@2.1.1 srv/app.war!/WEB-INF/lib/app.jar!/BOOT-INF/lib/plexus-component-annotations-2.1.1.jar",
        ])
        #expect(result.packages.allSatisfy { $0.type == .maven && $0.layer.index == 0 })
    }

    @Test func zipBombManifestIsCutOff() throws {
        let zeros = [UInt8](repeating: 0x41, count: 8 << 20)
        let bomb = ArchiveHelpers.zip([("META-INF/MANIFEST.MF", zeros)])
        #expect(bomb.count < 100_000, "deflate should shrink 8 MiB of one byte a lot")
        let result = JavaArchiveCataloguer.parse(bomb, fileName: "bomb.jar")
        #expect(result.records.isEmpty)
        #expect(result.warnings == ["archive: META-INF/MANIFEST.MF exceeds the size limit; skipped"])
    }

    @Test func nestingDepthAndExpansionAreBounded() throws {
        var jar = try Fixtures.bytes("plexus-component-annotations-2.1.1.jar")
        for _ in 0..<6 { jar = ArchiveHelpers.zip([("lib/inner.jar", jar)]) }
        let deep = JavaArchiveCataloguer.parse(jar, fileName: "deep.jar")
        #expect(deep.records.isEmpty)
        #expect(deep.warnings.count == 1)
        #expect(deep.warnings.first?.contains("deeper than 3 levels") == true)

        var limits = JavaArchiveCataloguer.Limits()
        limits.maxExpandedBytes = 2000
        let wide = ArchiveHelpers.zip((0..<4).map { ("lib/\($0).jar", [UInt8](repeating: 7, count: 1500)) })
        let capped = JavaArchiveCataloguer.parse(wide, fileName: "wide.jar", limits: limits)
        #expect(capped.warnings.contains { $0.contains("exceeds the size limit") || $0.contains("expansion limit") })
    }

    @Test func notAZip() {
        let result = JavaArchiveCataloguer.parse(Array("definitely not a zip".utf8), fileName: "x-1.0.jar")
        #expect(result.records.isEmpty)
        #expect(result.warnings.count == 1)
    }
}
