import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Artifact formats")
struct FormatTests {
    static let formatNames: [ImageBuilder.Format: String] = [
        .dockerLegacy: "docker-archive", .docker25: "docker-archive",
        .ociArchive: "oci-archive", .ociLayoutDirectory: "oci-layout",
    ]

    @Test("every layout and layer compression reads back the same image",
          arguments: ImageBuilder.Format.allCases, [ImageBuilder.Compression.none, .gzip, .zstd])
    func layoutAndLayerCompression(format: ImageBuilder.Format, compression: ImageBuilder.Compression) throws {
        let artifact = try Fixture.roundTrip([Fixture.image()], format: format, layerCompression: compression)
        #expect(artifact.format == Self.formatNames[format])
        #expect(artifact.images.count == 1)
        let image = try #require(artifact.images.first)
        #expect(image.repoTags == ["example/app:1.0"])
        #expect(image.imageID == "sha256:" + SHA256Hasher.hex(image.configJSON))
        #expect(image.config.config?.User == "app")
        #expect(image.config.config?.ExposedPorts?["8080/tcp"] != nil)
        #expect(image.layers.map(\.createdBy) == ["ADD rootfs.tar /", "RUN apk upgrade"])
        let expected: Compression = compression == .gzip ? .gzip : compression == .zstd ? .zstd : .none
        #expect(image.layers.allSatisfy { $0.compression == expected })
        #expect(image.layers.map(\.diffID) == image.config.rootfs?.diff_ids)
        if compression == .none {
            #expect(image.layers.allSatisfy { $0.digest == $0.diffID })
        } else {
            #expect(image.layers.allSatisfy { $0.digest != $0.diffID })
        }
        #expect(image.filesystem.node(at: "etc/motd") == nil)
        #expect(image.filesystem.node(at: "etc/os-release")?.layerIndex == 1)
        #expect(image.filesystem.node(at: "usr/bin/tool")?.entry.mode == 0o4755)
        if format == .dockerLegacy {
            #expect(image.manifestDigest == nil)
        } else {
            #expect(image.manifestDigest?.hasPrefix("sha256:") == true)
        }
    }

    @Test("layer digests equal the OCI blob names and the stored sizes")
    func ociDigestsMatchBlobNames() throws {
        let members = try ImageBuilder.members(images: [Fixture.image()], format: .ociArchive, layerCompression: .gzip)
        let artifact = try Fixture.read(members: members)
        let image = try #require(artifact.images.first)
        for layer in image.layers {
            let hex = String(layer.digest.dropFirst("sha256:".count))
            let member = try #require(members.first { $0.path == "blobs/sha256/" + hex })
            #expect(Int64(member.bytes.count) == layer.size)
            #expect(SHA256Hasher.hex(member.bytes) == hex)
        }
    }

    @Test("whole-file gzip and zstd are detected by magic bytes",
          arguments: [ImageBuilder.Format.dockerLegacy, .docker25, .ociArchive], [ImageBuilder.Compression.gzip, .zstd])
    func wholeFileCompression(format: ImageBuilder.Format, outer: ImageBuilder.Compression) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("image.tar.x")
        try Fixture.image().write(to: path, format: format, layerCompression: .gzip, outerCompression: outer)
        let artifact = try ArchiveReader().read(path: path, visitors: [])
        #expect(artifact.format == Self.formatNames[format]! + (outer == .gzip ? "+gzip" : "+zstd"))
        #expect(artifact.images.first?.filesystem.node(at: "app/main.py") != nil)
        let fileBytes = try #require(FileBytes.read(path))
        #expect(artifact.sha256 == SHA256Hasher.hex(fileBytes))
        #expect(artifact.size == Int64(fileBytes.count))
    }

    @Test("layer media types may lie: compression comes from the bytes")
    func mediaTypesMayLie() throws {
        var members = try ImageBuilder.members(images: [Fixture.image()], format: .ociArchive, layerCompression: .zstd)
        members = try OCIEdit.rewriteManifests(members) { manifest in
            var layers = manifest["layers"] as! [[String: Any]]
            for index in layers.indices { layers[index]["mediaType"] = "application/vnd.oci.image.layer.v1.tar+gzip" }
            manifest["layers"] = layers
        }
        let artifact = try Fixture.read(members: members)
        #expect(artifact.images.first?.layers.map(\.compression) == [.zstd, .zstd])
    }

    @Test("docker save order: manifest.json is the last member")
    func manifestIsLast() throws {
        for format in [ImageBuilder.Format.dockerLegacy, .docker25] {
            let members = try ImageBuilder.members(images: [Fixture.image()], format: format)
            #expect(members.last?.path == "manifest.json")
        }
        let oci = try ImageBuilder.members(images: [Fixture.image()], format: .ociArchive)
        #expect(oci.last?.path == "index.json")
    }

    @Test("an OCI layout folder reports the sha256 of its index.json")
    func layoutFolderIdentity() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Fixture.image().write(to: dir.path("layout"), format: .ociLayoutDirectory)
        let artifact = try ArchiveReader().read(path: dir.path("layout"), visitors: [])
        let index = try #require(FileBytes.read(dir.path("layout/index.json")))
        #expect(artifact.sha256 == SHA256Hasher.hex(index))
        #expect(artifact.size > Int64(index.count))
    }
}
