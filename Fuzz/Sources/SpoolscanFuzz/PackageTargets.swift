import ImageReader
import PackageCatalog

/// One target per package database format, each through the cataloguer's public parser (the
/// Go build-info scanner through the cataloguer's streaming sink, as the reader feeds it).
enum PackageTargets {
    static let fixtures = "Tests/PackageCatalogTests/Fixtures/"

    static let all: [FuzzTarget] = [
        FuzzTarget("dpkg-status", "var/lib/dpkg/status and status.d files",
                   fixtures: ["statusd-base-files", "statusd-libssl3", "statusd-tzdata"].map { fixtures + $0 },
                   seeds: { [("status", Array(PackageSeeds.dpkgStatus.utf8))] }) { bytes in
            _ = DpkgCataloguer.parse(bytes)
            _ = DpkgCataloguer.parse(bytes, requireInstalled: false)
        },
        FuzzTarget("dpkg-copyright", "DEP-5 usr/share/doc/*/copyright licences",
                   fixtures: ["copyright-libfile-fcntllock-perl", "copyright-tzdata-dep5"].map { fixtures + $0 }) { bytes in
            _ = DpkgCopyright.licenses(bytes)
        },
        FuzzTarget("apk-installed", "lib/apk/db/installed",
                   seeds: { [("installed", Array(PackageSeeds.apkInstalled.utf8))] }) { _ = ApkCataloguer.parse($0) },
        FuzzTarget("rpm-header", "one rpm header blob (index entries and data store)",
                   seeds: { [("header", RpmSeeds.header()), ("header-lead", RpmSeeds.header(withMagic: true))] }) { bytes in
            _ = (try? RpmHeader(bytes))?.record()
        },
        FuzzTarget("rpm-bdb", "a Berkeley DB hash Packages file (pages, overflow chains, byte order)",
                   fixtures: ["rpmdb-bdb-512.Packages", "rpmdb-bdb-4096.Packages"].map { fixtures + $0 }) { bytes in
            _ = try? RpmCataloguer.parse(berkeleyDB: bytes)
        },
        FuzzTarget("rpm-sqlite", "an rpmdb.sqlite image opened from memory", fixtures: [fixtures + "rpmdb.sqlite"]) { bytes in
            _ = try? RpmCataloguer.parse(sqlite: bytes)
        },
        FuzzTarget("python-metadata", "dist-info METADATA and egg-info PKG-INFO", fixtures: [fixtures + "pip-23.2.1.METADATA"],
                   seeds: { [("METADATA", Array(PackageSeeds.pythonMetadata.utf8))] }) { _ = PythonCataloguer.parse($0) },
        FuzzTarget("npm-package-json", "node_modules/**/package.json",
                   seeds: { [("package.json", Array(PackageSeeds.packageJSON.utf8))] }) { _ = NpmCataloguer.parse($0) },
        FuzzTarget("jar", "a .jar/.war/.ear (zip, nested jars, pom.properties, MANIFEST.MF)", maxLength: 256 << 10,
                   fixtures: ["javax.inject-1.0.jar", "plexus-component-annotations-2.1.1.jar"].map { fixtures + $0 }) { bytes in
            _ = JavaArchiveCataloguer.parse(bytes, fileName: "app-1.0.war")
        },
        FuzzTarget("jar-manifest", "META-INF/MANIFEST.MF and pom.properties",
                   seeds: { [("MANIFEST.MF", Array(PackageSeeds.javaManifest.utf8)),
                             ("pom.properties", Array(PackageSeeds.pomProperties.utf8))] }) { bytes in
            _ = JavaManifest.record(manifest: bytes, fileName: "commons-lang3-3.12.0.jar")
            _ = JavaArchiveCataloguer.pomRecord(bytes)
        },
        FuzzTarget("elf-go-buildinfo", "an executable streamed in chunks: ELF, Go build info (inline and pointer formats), .dep-v0",
                   maxLength: 256 << 10,
                   seeds: { [("go-inline", [0] + GoSeeds.inlineBinary()), ("go-legacy64", [3] + GoSeeds.legacyBinary(is64: true, little: true)),
                             ("go-legacy32be", [5] + GoSeeds.legacyBinary(is64: false, little: false))] }) { bytes in
            streamExecutable(bytes)
        },
        FuzzTarget("cargo-auditable", "the .dep-v0 section of an ELF file, or its JSON after inflating", maxLength: 128 << 10,
                   fixtures: [fixtures + "rust-auditable.elf"],
                   seeds: { [("dep-v0.json", Array(PackageSeeds.cargoJSON.utf8))] }) { bytes in
            if bytes.first == UInt8(ascii: "{") { _ = try? RustAuditCataloguer.parse(json: bytes) }
            else { _ = try? RustAuditCataloguer.parse(elf: bytes) }
        },
        FuzzTarget("gemspec", "specifications/*.gemspec", fixtures: [fixtures + "rake-13.0.6.gemspec"],
                   seeds: { [("rake.gemspec", Array(PackageSeeds.gemspec.utf8))] }) { _ = GemspecCataloguer.parse($0) },
        FuzzTarget("composer-installed", "vendor/composer/installed.json (v1 and v2)", fixtures: [fixtures + "composer-installed-v2.json"],
                   seeds: { [("installed-v2.json", Array(PackageSeeds.composerInstalled.utf8)),
                             ("installed-v1.json", Array(PackageSeeds.composerV1.utf8))] }) { _ = ComposerCataloguer.parse($0) },
        FuzzTarget("os-release", "etc/os-release and the redhat-release family", fixtures: [fixtures + "os-release-debian12"],
                   seeds: { [("redhat-release", Array("Rocky Linux release 9.3 (Blue Onyx)\n".utf8))] }) { bytes in
            _ = OSDetector.fromOSRelease(bytes)
            _ = OSDetector.fromRedHatRelease(bytes)
        },
    ]

    /// The first byte chooses the chunk size; the rest is an executable fed to the
    /// cataloguer's sink the way the layer reader feeds it.
    static func streamExecutable(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        let chunk = [1, 3, 7, 16, 100, 4096, 65536][Int(selector) % 7]
        let file = Array(input.dropFirst())
        let cataloguer = PackageCataloguer()
        let entry = LayerEntry(path: "usr/local/bin/app", kind: .regular, size: Int64(file.count), mode: 0o755)
        guard let sink = cataloguer.visitFile(entry, layer: LayerStreamID(0)) else { return }
        var offset = 0
        var complete = true
        while offset < file.count {
            let end = min(offset + chunk, file.count)
            let wanted = file[offset..<end].withUnsafeBytes { sink.write($0) }
            offset = end
            if !wanted { complete = offset == file.count; break }
        }
        sink.finish(complete: complete)
    }
}
