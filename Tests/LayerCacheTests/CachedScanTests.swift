import Foundation
import Testing
import Detectors
import ImageScanner
import LayerCache
import ScanReport
import SpoolscanCore
import TestSupport

/// Whole scans with the layer cache: hits, misses after a rule change, archives that lie about
/// a cached layer, damaged cache files, and reports equal to cold scans.
@Suite struct CachedScanTests {
    static func options(cache: String?, detectors: DetectorOptions = DetectorOptions()) -> ScanOptions {
        ScanOptions(detectors: detectors, cache: cache.map { LayerCacheSettings(path: $0) })
    }

    /// The report as JSON with its timestamp fixed, for byte-for-byte comparison.
    static func bytes(_ report: Report) throws -> String {
        var copy = report
        copy.createdAt = "2026-01-01T00:00:00Z"
        return String(decoding: try ReportCodec.encode(copy), as: UTF8.self)
    }

    static let layouts: [(ImageBuilder.Format, ImageBuilder.Compression, String)] = [
        (.docker25, .none, "img.tar"), (.docker25, .gzip, "img.tar"), (.ociArchive, .zstd, "img.tar"),
        (.ociLayoutDirectory, .gzip, "layout"), (.dockerLegacy, .none, "img.tar"),
    ]

    @Test("cached runs equal the cold run byte for byte; a second image reuses the shared base", arguments: 0..<5)
    func cachedEqualsCold(layout: Int) throws {
        let (format, compression, name) = Self.layouts[layout]
        let dir = try TemporaryDirectory()
        let first = dir.path("a-" + name), second = dir.path("b-" + name), cache = dir.path("cache.db")
        try CacheTestImages.app("alpha").write(to: first, format: format, layerCompression: compression)
        try CacheTestImages.app("beta").write(to: second, format: format, layerCompression: compression)

        let cold = try Self.bytes(ImageScanner(options: Self.options(cache: nil)).scan(path: first))
        let filling = ImageScanner(options: Self.options(cache: cache))
        #expect(try Self.bytes(filling.scan(path: first)) == cold)
        #expect(filling.lastCacheUse == LayerCacheUse(hits: 0, writes: 3))
        let warm = ImageScanner(options: Self.options(cache: cache))
        #expect(try Self.bytes(warm.scan(path: first)) == cold)
        #expect(warm.lastCacheUse == LayerCacheUse(hits: 3, writes: 0))

        let firstDigests = Set(try ImageScanner(options: Self.options(cache: nil)).scan(path: first).artifact.images[0].layers.map(\.digest))
        let secondReport = try ImageScanner(options: Self.options(cache: nil)).scan(path: second)
        let coldSecond = try Self.bytes(secondReport)
        let shared = ImageScanner(options: Self.options(cache: cache))
        #expect(try Self.bytes(shared.scan(path: second)) == coldSecond)
        // The base and the package layer hold the same files in both images, the top layer
        // differs. (gzip headers carry the second they were written in, so count the stored
        // blobs that really are the same.)
        let same = secondReport.artifact.images[0].layers.filter { firstDigests.contains($0.digest) }.count
        #expect(same >= (compression == .none ? 2 : 0))
        #expect(shared.lastCacheUse == LayerCacheUse(hits: same, writes: 3 - same))
    }

    @Test("the cold report of the test image has what the cache must reproduce")
    func coldReportCoversEveryVisitor() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("img.tar")
        try CacheTestImages.app("alpha").write(to: path, format: .docker25, layerCompression: .gzip)
        let cache = dir.path("cache.db")
        _ = try ImageScanner(options: Self.options(cache: cache)).scan(path: path)
        let scanner = ImageScanner(options: Self.options(cache: cache))
        let image = try #require(scanner.scan(path: path).artifact.images.first)
        #expect(scanner.lastCacheUse?.hits == 3)
        #expect(image.packages.map(\.name).sorted() == ["curl", "libc6", "requests", "zlib1g"], "rewritten dpkg database wins")
        #expect(image.secrets.contains { $0.path == "root/.git-credentials" && $0.deletedInLaterLayer })
        #expect(image.secrets.contains { $0.path == "opt/app/old.py" && $0.deletedInLaterLayer }, "hidden by the opaque whiteout")
        #expect(image.malware.contains { $0.path == "tmp/eicar.com" && $0.deletedInLaterLayer })
        #expect(!image.misconfigurations.isEmpty)
        #expect(image.misconfigurations.contains { $0.evidence.joined().contains("toor") }, "account checks read the overriding passwd")
    }

    @Test("a changed YARA rule file misses the cache and its new match is reported")
    func ruleChangeMisses() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("img.tar"), cache = dir.path("cache.db")
        try CacheTestImages.app("gamma").write(to: path, format: .docker25, layerCompression: .gzip)
        try FileManager.default.createDirectory(atPath: dir.path("rules"), withIntermediateDirectories: true)
        let ruleFile = dir.path("rules/custom.yar")
        func writeRule(_ text: String, _ date: Date) throws {
            try "rule Cache_Marker { strings: $a = \"\(text)\" condition: $a }".write(toFile: ruleFile, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: ruleFile)
        }
        var detectors = DetectorOptions()
        detectors.yaraRuleFolders = [dir.path("rules")]
        try writeRule("no-such-text-anywhere", Date(timeIntervalSince1970: 1_700_000_000))
        let before = ImageScanner(options: Self.options(cache: cache, detectors: detectors))
        #expect(try before.scan(path: path).artifact.images[0].malware.allSatisfy { $0.rule != "Cache_Marker" })
        #expect(before.lastCacheUse?.writes == 3)

        try writeRule("echo gamma", Date(timeIntervalSince1970: 1_700_000_100))
        let after = ImageScanner(options: Self.options(cache: cache, detectors: detectors))
        let malware = try after.scan(path: path).artifact.images[0].malware
        #expect(after.lastCacheUse == LayerCacheUse(hits: 0, writes: 3))
        #expect(malware.contains { $0.rule == "Cache_Marker" && $0.path == "opt/app/gamma.sh" })

        // Other scanner choices are other keys too.
        let packagesOnly = ImageScanner(options: ScanOptions(detectors: nil, cache: LayerCacheSettings(path: cache)))
        _ = try packagesOnly.scan(path: path)
        #expect(packagesOnly.lastCacheUse?.hits == 0)
    }

    @Test("an archive naming a cached layer's digest for other bytes is SCAN-006, and the cache stays good",
          arguments: [(ImageBuilder.Format.docker25, ImageBuilder.Compression.gzip), (.dockerLegacy, .none)])
    func lyingArchiveIsCaught(format: ImageBuilder.Format, compression: ImageBuilder.Compression) throws {
        let dir = try TemporaryDirectory()
        let honest = dir.path("honest.tar"), lying = dir.path("lying.tar"), cache = dir.path("cache.db")
        let image = CacheTestImages.app("delta")
        // One set of members for both archives (gzip headers carry the time they were written).
        var members = try ImageBuilder.members(images: [image], format: format, layerCompression: compression)
        try ArchiveMember.writeTar(members, to: honest)
        _ = try ImageScanner(options: Self.options(cache: cache)).scan(path: honest)

        // The same archive, but the base layer's member holds another image's top layer
        // (its name, or for a legacy layout its config, still promises the base layer).
        let other = try ImageBuilder.members(images: [CacheTestImages.app("epsilon")], format: format, layerCompression: compression)
        let isLayer = { (member: ArchiveMember) in
            member.path.hasSuffix("/layer.tar") || (member.path.hasPrefix("blobs/sha256/") && member.bytes.starts(with: [0x1f, 0x8b]))
        }
        let impostor = try #require(other.filter { isLayer($0) && !members.map(\.bytes).contains($0.bytes) }.first)
        let base = try #require(members.indices.filter { isLayer(members[$0]) }.max { members[$0].bytes.count < members[$1].bytes.count })
        members[base].bytes = impostor.bytes
        try ArchiveMember.writeTar(members, to: lying)

        let scanner = ImageScanner(options: Self.options(cache: cache))
        let error = #expect(throws: SpoolscanError.self) { try scanner.scan(path: lying) }
        #expect(error?.code == .digestMismatch)
        #expect(error?.description.contains(members[base].path) == true)
        #expect(error?.description.contains("promised for it") == true, "caught while hashing the cached layer: \(String(describing: error))")

        let again = ImageScanner(options: Self.options(cache: cache))
        let cold = try Self.bytes(ImageScanner(options: Self.options(cache: nil)).scan(path: honest))
        #expect(try Self.bytes(again.scan(path: honest)) == cold)
        #expect(again.lastCacheUse?.hits == 3)
    }

    @Test("a legacy archive with gzip layer.tar members, after the same layers were cached uncompressed")
    func legacyCompressedLayersAfterUncompressed() throws {
        let dir = try TemporaryDirectory()
        let plain = dir.path("plain.tar"), legacy = dir.path("legacy.tar"), cache = dir.path("cache.db")
        let image = CacheTestImages.app("eta")
        try image.write(to: plain, format: .ociArchive, layerCompression: .none)
        try image.write(to: legacy, format: .dockerLegacy, layerCompression: .gzip)
        _ = try ImageScanner(options: Self.options(cache: cache)).scan(path: plain)
        let cold = try Self.bytes(ImageScanner(options: Self.options(cache: nil)).scan(path: legacy))
        let scanner = ImageScanner(options: Self.options(cache: cache))
        #expect(try Self.bytes(scanner.scan(path: legacy)) == cold)
        #expect(scanner.lastCacheUse?.hits == 0, "a gzip member is never looked up under its diffID")
    }

    @Test("a damaged or foreign cache file is a SCAN-015 warning and a cold scan", arguments: ["garbage", "damaged", "foreign"])
    func unusableCacheFileWarns(kind: String) throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("img.tar"), cache = dir.path("cache.db")
        try CacheTestImages.app("zeta").write(to: path, format: .docker25, layerCompression: .gzip)
        switch kind {
        case "garbage":
            try Data(repeating: 0x42, count: 10_000).write(to: URL(fileURLWithPath: cache))
        case "damaged":
            _ = try ImageScanner(options: Self.options(cache: cache)).scan(path: path)
            try LayerCacheStore(path: cache, maxBytes: 1 << 30).checkpoint()
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cache))
            try handle.seek(toOffset: 4096)
            handle.write(Data(repeating: 0xee, count: 64 * 1024))
            try handle.close()
        default:
            _ = try CommandRunner.run("/usr/bin/env", ["python3", "-c",
                "import sqlite3; c = sqlite3.connect('\(cache)'); c.execute('CREATE TABLE t (x)'); c.commit()"])
            try #require(FileManager.default.fileExists(atPath: cache), "needs python3's sqlite3 to make a foreign database")
        }
        let cold = try ImageScanner(options: Self.options(cache: nil)).scan(path: path)
        var report = try ImageScanner(options: Self.options(cache: cache)).scan(path: path)
        let warnings = report.warnings.filter { $0.code == "SCAN-015" }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains(cache) == true)
        report.warnings.removeAll { $0.code == "SCAN-015" }
        #expect(try Self.bytes(report) == Self.bytes(cold))
    }
}
