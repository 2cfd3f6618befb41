import Foundation
import ImageReader
import SpoolscanCore
import Testing
import TestSupport

/// Reading with the overlap (artifact digest, layer reading, hashing and decompressing on
/// threads of their own) gives exactly what reading on one thread gives, errors included.
@Suite(.timeLimit(.minutes(2)))
struct OverlapTests {
    static let image = ImageBuilder(layers: [
        Fixture.base,
        .init(files: [
            .largeFile("opt/big.bin", repeating: 0x61, count: 9 << 20),
            .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.9\n"),
            .whiteout("etc/motd"),
        ]),
        .init(files: [.largeFile("opt/other.bin", repeating: 0x62, count: 3 << 20), .file("app/x.py", "print(1)\n")]),
    ])

    /// What a read produced, comparable across runs.
    struct Outcome: Equatable {
        var sha256: String
        var size: Int64
        var format: String
        var layers: [[ReadLayer]]
        var events: [RecordingVisitor.Event]
        var contents: [String: [UInt8]]
    }

    static func read(_ path: String, overlap: Bool, stopAfter: Int? = nil) throws -> Outcome {
        let visitor = RecordingVisitor(stopAfter: stopAfter)
        let artifact = try ArchiveReader(overlap: overlap).read(path: path, visitors: [visitor])
        return Outcome(sha256: artifact.sha256, size: artifact.size, format: artifact.format,
                       layers: artifact.images.map(\.layers), events: visitor.events,
                       contents: visitor.contents.mapValues(\.bytes))
    }

    static let cases: [(ImageBuilder.Format, ImageBuilder.Compression, ImageBuilder.Compression)] = [
        (.dockerLegacy, .none, .none), (.docker25, .gzip, .none), (.ociArchive, .zstd, .gzip),
        (.ociLayoutDirectory, .gzip, .none), (.docker25, .none, .zstd),
    ]

    @Test("same layers, digests, visitor calls and bytes with and without the overlap", arguments: 0..<5)
    func sameResult(index: Int) throws {
        let (format, layers, outer) = Self.cases[index]
        let dir = try TemporaryDirectory()
        let path = dir.path(format == .ociLayoutDirectory ? "layout" : "image.tar")
        try Self.image.write(to: path, format: format, layerCompression: layers, outerCompression: outer)
        let single = try Self.read(path, overlap: false)
        #expect(single.contents["1:opt/big.bin"]?.count == 9 << 20)
        #expect(try Self.read(path, overlap: true) == single)
        #expect(try Self.read(path, overlap: true, stopAfter: 1000) == Self.read(path, overlap: false, stopAfter: 1000))
    }

    @Test("a layer cut short fails the same way, without leaving a thread behind", arguments: [ImageBuilder.Compression.none, .gzip])
    func truncatedLayer(compression: ImageBuilder.Compression) throws {
        var members = try ImageBuilder.members(images: [Self.image], format: .docker25, layerCompression: compression)
        let big = try #require(members.indices.max { members[$0].bytes.count < members[$1].bytes.count })
        members[big].bytes = Array(members[big].bytes.prefix(members[big].bytes.count / 2))
        let dir = try TemporaryDirectory()
        try ArchiveMember.writeTar(members, to: dir.path("cut.tar"))
        let single = Fixture.code { try ArchiveReader(overlap: false).read(path: dir.path("cut.tar"), visitors: [RecordingVisitor()]) }
        let overlapped = Fixture.code { try ArchiveReader(overlap: true).read(path: dir.path("cut.tar"), visitors: [RecordingVisitor()]) }
        #expect(single != nil)
        #expect(overlapped == single)
    }

    @Test("an unsafe path found while the next chunks are read ahead stops the reading thread")
    func unsafePathStopsProducer() throws {
        let layer = ImageBuilder.Layer(files: [.largeFile("a/first.bin", count: 6 << 20), .file("../escape", "x"),
                                              .largeFile("a/later.bin", count: 6 << 20)])
        let dir = try TemporaryDirectory()
        try ImageBuilder(layers: [layer]).write(to: dir.path("bad.tar"), format: .docker25, layerCompression: .gzip)
        for _ in 0..<20 {
            let code = Fixture.code { try ArchiveReader(overlap: true).read(path: dir.path("bad.tar"), visitors: [RecordingVisitor()]) }
            #expect(code == "SCAN-007")
        }
    }
}
