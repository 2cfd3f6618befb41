import Testing
import ImageReader
import ScanReport
@testable import PackageCatalog

@Suite struct ApkTests {
    static var rootfs: String? {
        Fixtures.sharedFolder.map { $0 + "/images/rootfs/alpine-minirootfs-3.20.3-x86_64.tar.gz" }
    }

    // Real data from ../shared, which is not part of a clone: reported as skipped without it.
    @Test(.enabled(if: Fixtures.sharedFolder != nil, "../shared/images/rootfs is absent (the shared data folder is not part of a clone)"),
          arguments: ["3.20.3", "3.7.3"])
    func realAlpineDatabase(release: String) throws {
        let rootfs = try #require(Fixtures.sharedFolder.map({ $0 + "/images/rootfs/alpine-minirootfs-\(release)-x86_64.tar.gz" }))
        let entries = try ArchiveHelpers.readTar(rootfs)
        let installed = try #require(entries.first { $0.0.path == "lib/apk/db/installed" }?.1)
        let records = ApkCataloguer.parse(installed)
        let text = String(decoding: installed, as: UTF8.self)
        let names = text.split(separator: "\n").filter { $0.hasPrefix("P:") }.map { String($0.dropFirst(2)) }
        #expect(records.map(\.name) == names)
        #expect(records.count >= 10)
        let musl = try #require(records.first { $0.name == "musl" })
        #expect(musl.version.hasPrefix(release == "3.7.3" ? "1.1.18-r" : "1.2.5-r"))
        #expect(musl.arch == "x86_64")
        #expect(musl.sourceName == "musl")
        #expect(musl.licenses == ["MIT"])
        let ssl = try #require(records.first { $0.name == (release == "3.7.3" ? "libressl2.6-libssl" : "libssl3") })
        #expect(ssl.sourceName == (release == "3.7.3" ? "libressl" : "openssl"))
    }

    @Test(.enabled(if: Fixtures.sharedFolder != nil, "../shared/images/rootfs is absent (the shared data folder is not part of a clone)"))
    func wholeAlpineRootfsThroughTheVisitor() throws {
        let rootfs = try #require(Self.rootfs)
        var layer = TestImage.Layer()
        for (entry, bytes) in try ArchiveHelpers.readTar(rootfs) {
            layer.entries.append(entry)
            if entry.kind == .regular { layer.contents[entry.path] = bytes }
        }
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer, chunkSize: 64 << 10))
        #expect(result.os?.family == "alpine")
        #expect(result.os?.version == "3.20.3")
        #expect(result.os?.name == "Alpine Linux v3.20")
        let expected = ApkCataloguer.parse(layer.contents["lib/apk/db/installed"]!).count
        #expect(result.packages.count == expected)
        #expect(result.packages.allSatisfy { $0.type == .apk && $0.purl.hasSuffix("distro=alpine-3.20.3") })
        #expect(result.packages.allSatisfy { $0.paths == ["lib/apk/db/installed"] && $0.layer.index == 0 })
        #expect(result.warnings.isEmpty, "\(result.warnings)")
    }

    @Test func blocksWithoutNameOrVersionAreSkipped() {
        let text = "C:Q1abc=\nP:zlib\nV:1.3.1-r1\nA:aarch64\nL:Zlib\nF:lib\nR:libz.so.1\n\nP:nover\n\n\n\r\nV:9\n"
        let records = ApkCataloguer.parse(Array(text.utf8))
        #expect(records == [PackageRecord(name: "zlib", version: "1.3.1-r1", type: .apk, arch: "aarch64", licenses: ["Zlib"])])
    }
}
