import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Layer entries and the final filesystem")
struct LayerSemanticsTests {
    @Test("whiteouts delete lower files; the layer that last wrote a path owns it")
    func whiteoutsAndAttribution() throws {
        let artifact = try Fixture.roundTrip([Fixture.image()], format: .ociArchive)
        let fs = try #require(artifact.images.first).filesystem
        #expect(fs.node(at: "etc/motd") == nil)
        #expect(fs.isVisible(path: "etc/os-release", fromLayer: 1))
        #expect(!fs.isVisible(path: "etc/os-release", fromLayer: 0))
        #expect(fs.isVisible(path: "usr/bin/tool", fromLayer: 0))
        #expect(fs.node(at: "app/main.py")?.entry.size == 12)
        #expect(try fs.resolve("/usr/bin/alias")?.entry.path == "usr/bin/tool")
    }

    @Test("an opaque whiteout hides the lower folder's children but keeps the layer's own")
    func opaqueWhiteout() throws {
        let lower = ImageBuilder.Layer(files: [.directory("opt/app"), .file("opt/app/old.txt", "old"), .file("opt/keep", "k")])
        let upper = ImageBuilder.Layer(files: [.directory("opt/app"), .opaqueWhiteout(in: "opt/app"), .file("opt/app/new.txt", "new")])
        let artifact = try Fixture.roundTrip([ImageBuilder(layers: [lower, upper])], format: .dockerLegacy)
        let image = try #require(artifact.images.first)
        let fs = image.filesystem
        #expect(fs.node(at: "opt/app/old.txt") == nil)
        #expect(fs.node(at: "opt/app/new.txt")?.layerIndex == 1)
        #expect(fs.node(at: "opt/keep")?.layerIndex == 0)
        #expect(image.layers[1].entries.contains(LayerEntry(path: "opt/app", kind: .opaqueWhiteout)))
    }

    @Test("entries are normalised: ./ prefixes, trailing slashes, the root entry")
    func normalisedEntries() throws {
        let layer = ImageBuilder.Layer(files: [
            .directory("."), .directory("./"), .directory("./etc/"), .file("./etc/hosts", "127.0.0.1 localhost\n"),
            .file("etc/.wh..wh.plnk", ""),
        ])
        let entries = try LayerEntries.read(layer)
        #expect(entries.map(\.path) == ["etc", "etc/hosts"])
        #expect(entries.map(\.kind) == [.directory, .regular])
    }

    @Test("an empty layer (a tar of only end-of-archive blocks) is a layer with no entries",
          arguments: [ImageBuilder.Compression.none, .gzip, .zstd])
    func emptyLayer(compression: ImageBuilder.Compression) throws {
        let image = ImageBuilder(layers: [Fixture.base, .init(files: [], createdBy: "WORKDIR /app")])
        let visitor = RecordingVisitor()
        let artifact = try Fixture.roundTrip([image], format: .docker25, layerCompression: compression, visitors: [visitor])
        let layers = try #require(artifact.images.first).layers
        #expect(layers.count == 2)
        #expect(layers[1].entries.isEmpty)
        #expect(layers[1].createdBy == "WORKDIR /app")
        #expect(visitor.events.suffix(2) == [.begin(layers[1].streamID), .end(layers[1].streamID)])
        if compression == .none {
            // The well-known diffID of a 1024-byte tar of zeros.
            #expect(layers[1].diffID == "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef")
        }
    }

    @Test("entry kinds: hard links (absolute targets made relative), symlinks, FIFOs, setuid modes, owners")
    func entryKinds() throws {
        let layer = ImageBuilder.Layer(files: [
            TestFile(path: "bin/busybox", kind: .regular(.bytes(Array("ELF".utf8))), mode: 0o4755, uid: 0, gid: 10),
            .hardlink("bin/ls", to: "/bin/busybox"),
            .hardlink("bin/cat", to: "./bin/busybox"),
            .symlink("bin/sh", to: "/bin/busybox"),
            .fifo("run/pipe"),
            .characterDevice("dev/null"),
            .whiteout("etc/shadow"),
        ])
        let entries = try LayerEntries.read(layer)
        let byPath = Dictionary(uniqueKeysWithValues: entries.map { ($0.path, $0) })
        #expect(byPath["bin/busybox"]?.mode == 0o4755)
        #expect(byPath["bin/busybox"]?.gid == 10)
        #expect(byPath["bin/ls"]?.kind == .hardlink)
        #expect(byPath["bin/ls"]?.linkTarget == "bin/busybox")
        #expect(byPath["bin/cat"]?.linkTarget == "bin/busybox")
        #expect(byPath["bin/sh"]?.kind == .symlink)
        #expect(byPath["bin/sh"]?.linkTarget == "/bin/busybox")
        #expect(byPath["run/pipe"]?.kind == .other)
        #expect(byPath["dev/null"]?.kind == .other)
        #expect(byPath["etc/shadow"]?.kind == .whiteout)
    }

    @Test("visitors get each regular file's bytes, in chunks of at most 1 MiB, once per layer stream")
    func visitorsReceiveBytes() throws {
        let big = TestFile.largeFile("data/big.bin", repeating: 0x41, count: 3 << 20)
        let image = ImageBuilder(layers: [Fixture.base, ImageBuilder.Layer(files: [big, .fifo("data/fifo"), .characterDevice("data/tty", major: 5, minor: 0)])])
        let visitor = RecordingVisitor()
        let artifact = try Fixture.roundTrip([image], format: .ociArchive, layerCompression: .gzip, visitors: [visitor])
        let layers = try #require(artifact.images.first).layers
        #expect(visitor.text("etc/os-release", layer: layers[0].streamID) == "ID=alpine\nVERSION_ID=3.19.1\n")
        let bigContent = try #require(visitor.contents["\(layers[1].streamID.rawValue):data/big.bin"])
        #expect(bigContent.bytes.count == 3 << 20 && bigContent.complete)
        #expect(bigContent.bytes.allSatisfy { $0 == 0x41 })
        #expect(visitor.largestChunk <= 1 << 20)
        #expect(!visitor.events.contains(.file("data/fifo", layers[1].streamID)))
        #expect(!visitor.events.contains(.file("data/tty", layers[1].streamID)))
        #expect(!visitor.events.contains(.file("usr/bin/alias", layers[0].streamID)))
        for layer in layers {
            let begin = try #require(visitor.events.firstIndex(of: .begin(layer.streamID)))
            let end = try #require(visitor.events.firstIndex(of: .end(layer.streamID)))
            #expect(begin < end)
        }
    }

    @Test("a sparse file's holes reach the sinks as zeros")
    func sparseFile() throws {
        let format = TarWriter.Format.pax  // libarchive writes sparse entries only in pax
        let regions = [TestFile.SparseRegion(offset: 8192, bytes: Array("middle".utf8)),
                       TestFile.SparseRegion(offset: 40960, bytes: Array("end".utf8))]
        let sparse = TestFile(path: "var/db/sparse", kind: .regular(.sparse(size: 65536, regions: regions)), mode: 0o600)
        // The tar really is sparse: far smaller than the 64 KiB of logical content.
        #expect(try TarWriter.bytes([sparse], format: format).count < 16384)
        let layer = ImageBuilder.Layer(files: [sparse, .file("after", "ok")], format: format)
        let visitor = RecordingVisitor()
        let image = try #require(try Fixture.roundTrip([ImageBuilder(layers: [layer])], format: .dockerLegacy, visitors: [visitor]).images.first)
        let stream = image.layers[0].streamID
        let content = try #require(visitor.contents["\(stream.rawValue):var/db/sparse"])
        var expected = [UInt8](repeating: 0, count: 65536)
        expected.replaceSubrange(8192..<8198, with: Array("middle".utf8))
        expected.replaceSubrange(40960..<40963, with: Array("end".utf8))
        #expect(content.complete)
        #expect(content.bytes == expected)
        #expect(image.layers[0].entries.first?.size == 65536)
        #expect(visitor.text("after", layer: stream) == "ok")
    }

    @Test("a sink that stops early is finished as incomplete and later files still arrive")
    func sinkStopsEarly() throws {
        let layer = ImageBuilder.Layer(files: [.largeFile("a.bin", count: 4 << 20), .file("b.txt", "after")])
        let visitor = RecordingVisitor(stopAfter: 10)
        let artifact = try Fixture.roundTrip([ImageBuilder(layers: [layer])], format: .dockerLegacy, visitors: [visitor])
        let stream = try #require(artifact.images.first?.layers.first?.streamID)
        let first = try #require(visitor.contents["\(stream.rawValue):a.bin"])
        #expect(!first.complete)
        #expect(first.bytes.count < 2 << 20)
        #expect(visitor.text("b.txt", layer: stream) == "after")
    }

    @Test("a visitor that wants nothing still sees every file, and digests stay right")
    func visitorSkipsFiles() throws {
        let visitor = RecordingVisitor(wants: { _ in false })
        let artifact = try Fixture.roundTrip([Fixture.image()], format: .docker25, layerCompression: .zstd, visitors: [visitor])
        #expect(visitor.contents.isEmpty)
        #expect(visitor.events.contains { if case .file("app/main.py", _) = $0 { true } else { false } })
        #expect(artifact.images.first?.layers.count == 2)
    }
}

/// Reads one layer through a one-image OCI archive and returns its entries.
enum LayerEntries {
    static func read(_ layer: ImageBuilder.Layer, limits: ScanLimits = .standard) throws -> [LayerEntry] {
        let artifact = try Fixture.roundTrip([ImageBuilder(layers: [layer])], format: .ociArchive, limits: limits)
        return try #require(artifact.images.first?.layers.first).entries
    }
}
