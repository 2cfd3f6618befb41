import Foundation
import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Bad input gives its SCAN code")
struct BadInputTests {
    /// Writes `bytes` as a file and reads it.
    private func readBytes(_ bytes: [UInt8]) throws -> ReadArtifact {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileBytes.write(bytes, to: dir.path("input"))
        return try ArchiveReader().read(path: dir.path("input"), visitors: [])
    }

    private func imageBytes(_ format: ImageBuilder.Format = .dockerLegacy, layers: ImageBuilder.Compression = .none,
                            outer: ImageBuilder.Compression = .none) throws -> [UInt8] {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Fixture.image().write(to: dir.path("i.tar"), format: format, layerCompression: layers, outerCompression: outer)
        return try #require(FileBytes.read(dir.path("i.tar")))
    }

    @Test("SCAN-002: empty file") func emptyFile() {
        #expect(Fixture.code { try readBytes([]) } == "SCAN-002")
    }

    @Test("SCAN-001: not an archive, and a tar that holds no image") func notAnImage() throws {
        #expect(Fixture.code { try readBytes(Array("just some text, not a tar\n".utf8)) } == "SCAN-001")
        #expect(Fixture.code { try readBytes(Array(repeating: 0x7a, count: 4096)) } == "SCAN-001")
        let plainTar = try TarWriter.bytes([.file("etc/hosts", "127.0.0.1\n"), .directory("var")])
        #expect(Fixture.code { try readBytes(plainTar) } == "SCAN-001")
        let noImages = [ArchiveMember(path: "manifest.json", text: "[]")]
        #expect(Fixture.code { try Fixture.read(members: noImages) } == "SCAN-001")
        let gzipText = try ByteCompressor.compress(Array(repeating: 0x41, count: 2000), with: .gzip)
        #expect(Fixture.code { try readBytes(gzipText) } == "SCAN-001")
    }

    @Test("SCAN-003: truncated tar", arguments: [0.5, 0.9])
    func truncated(fraction: Double) throws {
        let bytes = try imageBytes()
        let cut = Array(bytes.prefix(Int(Double(bytes.count) * fraction) / 512 * 512 + 100))
        #expect(Fixture.code { try readBytes(cut) } == "SCAN-003")
    }

    @Test("SCAN-004: corrupt gzip or zstd, of the whole file or of a layer",
          arguments: [ImageBuilder.Compression.gzip, .zstd])
    func corruptCompression(compression: ImageBuilder.Compression) throws {
        var whole = try imageBytes(outer: compression)
        for offset in stride(from: 40, to: whole.count - 40, by: 97) { whole[offset] ^= 0x5a }
        #expect(Fixture.code { try readBytes(whole) } == "SCAN-004")

        var members = try ImageBuilder.members(images: [Fixture.image()], format: .dockerLegacy, layerCompression: compression)
        let position = try #require(members.firstIndex { $0.path.hasSuffix("layer.tar") })
        for offset in stride(from: 20, to: members[position].bytes.count - 10, by: 31) { members[position].bytes[offset] ^= 0xa5 }
        #expect(Fixture.code { try Fixture.read(members: members) } == "SCAN-004")
    }

    @Test("SCAN-005: the manifest names a missing blob", arguments: [ImageBuilder.Format.dockerLegacy, .docker25, .ociArchive])
    func missingBlob(format: ImageBuilder.Format) throws {
        var members = try ImageBuilder.members(images: [Fixture.image()], format: format)
        let image = try Fixture.read(members: members).images[0]
        let hex = String(image.layers[1].digest.dropFirst(7))
        members.removeAll { $0.path.contains(hex) && !$0.path.hasSuffix("json") && !$0.path.hasSuffix("VERSION") }
        let error = Fixture.error { try Fixture.read(members: members) }
        #expect(error?.code == .missingBlob)
        #expect(error?.detail.contains(hex) == true)
    }

    @Test("SCAN-006: layer diffID, blob name, descriptor size and config digest are verified")
    func digestMismatch() throws {
        var config = Fixture.image()
        config.config.diffIDsOverride = ["sha256:" + String(repeating: "0", count: 64), "sha256:" + String(repeating: "1", count: 64)]
        for format in [ImageBuilder.Format.dockerLegacy, .ociArchive] {
            let error = Fixture.error { try Fixture.roundTrip([config], format: format) }
            #expect(error?.code == .digestMismatch)
            #expect(error?.detail.contains("layer") == true)
        }

        var members = try ImageBuilder.members(images: [Fixture.image()], format: .ociArchive)
        let layerPosition = try #require(members.firstIndex { $0.bytes.count > 1024 && $0.path.hasPrefix("blobs/") })
        members[layerPosition].bytes[600] ^= 0x01
        #expect(Fixture.code { try Fixture.read(members: members) } == "SCAN-006")

        let resized = try OCIEdit.rewriteManifests(try ImageBuilder.members(images: [Fixture.image()], format: .ociArchive)) { manifest in
            var layers = manifest["layers"] as! [[String: Any]]
            layers[0]["size"] = (layers[0]["size"] as! Int) + 1
            manifest["layers"] = layers
        }
        #expect(Fixture.code { try Fixture.read(members: resized) } == "SCAN-006")

        var legacy = try ImageBuilder.members(images: [Fixture.image()], format: .dockerLegacy)
        let configPosition = try #require(legacy.firstIndex { $0.path.hasSuffix(".json") && !$0.path.contains("/") && $0.path != "manifest.json" })
        legacy[configPosition].bytes += Array(" ".utf8)
        #expect(Fixture.code { try Fixture.read(members: legacy) } == "SCAN-006")
    }

    @Test("SCAN-007: escaping, absolute and hard-link-escaping entry paths", arguments: [
        TestFile.file("../../etc/cron.d/evil", "x"), .file("a/../../evil", "x"), .file("/etc/passwd", "root"),
        .hardlink("etc/shadow-link", to: "../../../etc/shadow"),
    ])
    func unsafePaths(file: TestFile) throws {
        let image = ImageBuilder(layers: [.init(files: [.directory("etc"), file])])
        let error = Fixture.error { try Fixture.roundTrip([image], format: .ociArchive) }
        #expect(error?.code == .unsafePath)
    }

    @Test("SCAN-008: a symlink loop when resolving a path")
    func symlinkLoop() throws {
        let image = ImageBuilder(layers: [.init(files: [.symlink("a", to: "b"), .symlink("b", to: "a")])])
        let fs = try Fixture.roundTrip([image], format: .dockerLegacy).images[0].filesystem
        #expect(throws: SpoolscanError(.symlinkLoop, "resolving a/x")) { try fs.resolve("a/x") }
    }

    @Test("SCAN-012: invalid manifest or config JSON")
    func badJSON() throws {
        let layer = try TarWriter.bytes([.file("x", "y")])
        let badManifest = [ArchiveMember(path: "layer.tar", bytes: layer), ArchiveMember(path: "manifest.json", text: "[{\"Config\": ")]
        #expect(Fixture.code { try Fixture.read(members: badManifest) } == "SCAN-012")
        let badConfig = [ArchiveMember(path: "l/layer.tar", bytes: layer), ArchiveMember(path: "config.json", text: "{\"rootfs\": 12"),
                         ArchiveMember(path: "manifest.json", text: #"[{"Config":"config.json","Layers":["l/layer.tar"]}]"#)]
        #expect(Fixture.code { try Fixture.read(members: badConfig) } == "SCAN-012")
        let badIndex = [ArchiveMember(path: "oci-layout", text: "{}"), ArchiveMember(path: "index.json", text: #"{"manifests": 3}"#)]
        #expect(Fixture.code { try Fixture.read(members: badIndex) } == "SCAN-012")
    }

    @Test("SCAN-013: a manifest layer that is not a layer")
    func notALayer() throws {
        let text = Array("this is a helm chart readme, not a tar\n".utf8)
        let hex = SHA256Hasher.hex(text)
        var members = try ImageBuilder.members(images: [Fixture.image()], format: .ociArchive)
        members.insert(ArchiveMember(path: "blobs/sha256/" + hex, bytes: text), at: 0)
        members = try OCIEdit.rewriteManifests(members) { manifest in
            var layers = manifest["layers"] as! [[String: Any]]
            layers[1] = ["mediaType": "application/vnd.example.readme", "digest": "sha256:" + hex, "size": text.count]
            manifest["layers"] = layers
        }
        let error = Fixture.error { try Fixture.read(members: members) }
        #expect(error?.code == .unsupportedMedia, "\(String(describing: error))")
    }

    @Test("SCAN-013: an artifact whose config is not an image config (e.g. a Helm chart)")
    func notAnImageConfig() throws {
        let chart = try ByteCompressor.compress(try TarWriter.bytes([.file("mychart/Chart.yaml", "name: mychart\n")]), with: .gzip)
        let config = Array(#"{"name":"mychart","version":"1.0.0"}"#.utf8)
        let manifest = Array((#"{"schemaVersion":2,"config":{"mediaType":"application/vnd.cncf.helm.config.v1+json","digest":"sha256:"#
            + SHA256Hasher.hex(config) + #"","size":\#(config.count)},"layers":[{"mediaType":"application/vnd.cncf.helm.chart.content.v1.tar+gzip","digest":"sha256:"#
            + SHA256Hasher.hex(chart) + #"","size":\#(chart.count)}]}"#).utf8)
        let index = #"{"schemaVersion":2,"manifests":[{"digest":"sha256:"# + SHA256Hasher.hex(manifest) + "\",\"size\":\(manifest.count)}]}"
        let members = [ArchiveMember(path: "blobs/sha256/" + SHA256Hasher.hex(chart), bytes: chart),
                       ArchiveMember(path: "blobs/sha256/" + SHA256Hasher.hex(config), bytes: config),
                       ArchiveMember(path: "blobs/sha256/" + SHA256Hasher.hex(manifest), bytes: manifest),
                       ArchiveMember(path: "index.json", text: index)]
        #expect(Fixture.code { try Fixture.read(members: members) } == "SCAN-013")
    }

    @Test("SCAN-014: a path that cannot be read")
    func unreadable() {
        #expect(Fixture.code { try ArchiveReader().read(path: "/nonexistent/spoolscan/image.tar", visitors: []) } == "SCAN-014")
        #expect(Fixture.code { try ArchiveReader().read(path: "/dev/null", visitors: []) } == "SCAN-014")
    }
}
