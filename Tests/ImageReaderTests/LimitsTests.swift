import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Limits bound time and memory")
struct LimitsTests {
    /// A layer of `count` empty files spread over 100 folders.
    static func manyEntries(_ count: Int) -> ImageBuilder.Layer {
        var files: [TestFile] = (0..<100).map { .directory("d\($0)") }
        files += (0..<count).map { .file("d\($0 % 100)/f\($0)", "") }
        return ImageBuilder.Layer(files: files)
    }

    @Test("a 100k-entry layer reads in bounded time")
    func hundredThousandEntries() throws {
        let image = ImageBuilder(layers: [Self.manyEntries(100_000)])
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try image.write(to: dir.path("big.tar"), format: .ociArchive, layerCompression: .gzip)
        let clock = ContinuousClock()
        var artifact: ReadArtifact?
        let elapsed = try clock.measure {
            artifact = try ArchiveReader().read(path: dir.path("big.tar"), visitors: [RecordingVisitor(wants: { _ in false })])
        }
        let layer = try #require(artifact?.images.first?.layers.first)
        #expect(layer.entries.count == 100_100)
        #expect(artifact?.images.first?.filesystem.count == 100_100)
        // Measured ~1 s in a debug build on 2 shared cores; the bound only catches quadratic behaviour.
        #expect(elapsed < .seconds(60), "took \(elapsed)")
    }

    @Test("SCAN-010: more entries than maxEntriesPerLayer")
    func tooManyEntries() throws {
        var limits = ScanLimits()
        limits.maxEntriesPerLayer = 1_000
        let error = Fixture.error { try Fixture.roundTrip([ImageBuilder(layers: [Self.manyEntries(5_000)])], format: .dockerLegacy, limits: limits) }
        #expect(error?.code == .tooManyEntries)
    }

    @Test("SCAN-011: a path component or a whole path that is too long", arguments: [
        String(repeating: "n", count: 300),
        Array(repeating: String(repeating: "p", count: 200), count: 25).joined(separator: "/"),
    ])
    func longNames(path: String) throws {
        let image = ImageBuilder(layers: [.init(files: [.file(path, "x")])])
        #expect(Fixture.code { try Fixture.roundTrip([image], format: .ociArchive) } == "SCAN-011")
    }

    @Test("SCAN-011: a pax header larger than libarchive's 1 MiB cap for special headers")
    func hugePaxHeader() throws {
        let path = Array(repeating: String(repeating: "q", count: 100), count: 11_000).joined(separator: "/")
        let image = ImageBuilder(layers: [.init(files: [.file(path, "x")])])
        #expect(Fixture.code { try Fixture.roundTrip([image], format: .ociArchive) } == "SCAN-011")
        // Even with the path limit lifted, libarchive 3.6.2 refuses the header itself.
        var lifted = ScanLimits()
        lifted.maxPathLength = 64 << 20
        let error = Fixture.error { try Fixture.roundTrip([image], format: .ociArchive, limits: lifted) }
        #expect(error?.code == .nameTooLong)
        #expect(error?.detail.contains("Special header too large") == true, "\(String(describing: error))")
    }

    /// Limits that make small bombs trip quickly.
    static var bombLimits: ScanLimits {
        var limits = ScanLimits()
        limits.ratioFloorBytes = 4 << 20
        limits.maxCompressionRatio = 100
        return limits
    }

    @Test("SCAN-009: a gzip and a zstd layer of 100 MB of zeros", arguments: [ImageBuilder.Compression.gzip, .zstd])
    func layerBomb(compression: ImageBuilder.Compression) throws {
        let bomb = ImageBuilder(layers: [.init(files: [.largeFile("zeros", count: 100_000_000)])])
        let error = Fixture.error { try Fixture.roundTrip([bomb], format: .ociArchive, layerCompression: compression, limits: Self.bombLimits) }
        #expect(error?.code == .decompressionBomb)
    }

    @Test("SCAN-009: whole-file compression is held to the same ratio")
    func wholeFileBomb() throws {
        let bomb = ImageBuilder(layers: [.init(files: [.largeFile("zeros", count: 40_000_000)])])
        let error = Fixture.error {
            try Fixture.roundTrip([bomb], format: .dockerLegacy, outerCompression: .gzip, limits: Self.bombLimits)
        }
        #expect(error?.code == .decompressionBomb)
        #expect(error?.detail.contains("artifact") == true)
    }

    @Test("SCAN-009: total uncompressed bytes over maxTotalBytes")
    func totalBytes() throws {
        var limits = ScanLimits()
        limits.maxTotalBytes = 1 << 20
        let image = ImageBuilder(layers: [.init(files: [.largeFile("a", repeating: 7, count: 3 << 20)])])
        #expect(Fixture.code { try Fixture.roundTrip([image], format: .docker25, limits: limits) } == "SCAN-009")
        let small = ImageBuilder(layers: [.init(files: [.largeFile("a", repeating: 7, count: 512 << 10)])])
        #expect(Fixture.code { try Fixture.roundTrip([small], format: .docker25, limits: limits) } == nil)
    }

    @Test("the standard limits let an ordinary compressible layer through")
    func ordinaryCompressionPasses() throws {
        let image = ImageBuilder(layers: [.init(files: [.largeFile("zeros", count: 8 << 20)])])
        #expect(Fixture.code { try Fixture.roundTrip([image], format: .ociArchive, layerCompression: .gzip) } == nil)
    }
}
