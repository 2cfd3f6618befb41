import Foundation
import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Archive layouts seen in the wild")
struct ArchiveEdgeTests {
    @Test("docker save links a repeated layer.tar to the first copy; the link is followed")
    func symlinkedLayer() throws {
        let members = try ImageBuilder.members(images: [Fixture.image()], format: .dockerLegacy)
        let layerPath = try #require(members.first { $0.path.hasSuffix("/layer.tar") }).path
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try TarWriter(path: dir.path("image.tar"))
        for member in members {
            if member.path == "manifest.json" {
                // A second image whose base layer is stored as a symlink to the first copy.
                var manifest = try #require(try JSONSerialization.jsonObject(with: Data(member.bytes)) as? [[String: Any]])
                var second = manifest[0]
                var layers = second["Layers"] as! [String]
                layers[0] = "linked/layer.tar"
                second["Layers"] = layers
                second["RepoTags"] = ["example/linked:1"]
                manifest.append(second)
                try writer.add(.symlink("linked/layer.tar", to: "../" + layerPath))
                try writer.addFile("manifest.json", bytes: Array(try JSONSerialization.data(withJSONObject: manifest)))
            } else {
                try writer.addFile(member.path, bytes: member.bytes)
            }
        }
        try writer.finish()
        let artifact = try ArchiveReader().read(path: dir.path("image.tar"), visitors: [])
        #expect(artifact.images.count == 2)
        #expect(artifact.images[0].layers[0].streamID == artifact.images[1].layers[0].streamID)
    }

    @Test("a layer whose tar starts with `{` is first kept as JSON, then read as a layer from memory")
    func layerThatLooksLikeJSON() throws {
        let image = ImageBuilder(layers: [.init(files: [.file("{odd}.json", "{}"), .file("etc/hostname", "box\n")])])
        let visitor = RecordingVisitor()
        let artifact = try Fixture.roundTrip([image], format: .dockerLegacy, visitors: [visitor])
        let layer = try #require(artifact.images.first?.layers.first)
        #expect(layer.entries.map(\.path) == ["{odd}.json", "etc/hostname"])
        #expect(visitor.text("etc/hostname", layer: layer.streamID) == "box\n")
    }

    @Test("a truncated whole-file gzip is a corrupt compressed stream")
    func truncatedGzip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Fixture.image().write(to: dir.path("i.tar.gz"), format: .dockerLegacy, outerCompression: .gzip)
        let bytes = try #require(FileBytes.read(dir.path("i.tar.gz")))
        try FileBytes.write(Array(bytes.prefix(bytes.count / 2)), to: dir.path("cut.tar.gz"))
        let error = Fixture.error { try ArchiveReader().read(path: dir.path("cut.tar.gz"), visitors: []) }
        #expect(error?.code == .corruptCompression)
    }

    @Test("a config that is a layer blob, and a manifest naming a missing config")
    func configProblems() throws {
        let layer = try TarWriter.bytes([.file("x", "y")])
        let configIsLayer = [ArchiveMember(path: "l/layer.tar", bytes: layer),
                             ArchiveMember(path: "manifest.json", text: #"[{"Config":"l/layer.tar","Layers":["l/layer.tar"]}]"#)]
        #expect(Fixture.code { try Fixture.read(members: configIsLayer) } == "SCAN-012")
        let missing = [ArchiveMember(path: "l/layer.tar", bytes: layer),
                       ArchiveMember(path: "manifest.json", text: #"[{"Config":"gone.json","Layers":["l/layer.tar"]}]"#)]
        #expect(Fixture.code { try Fixture.read(members: missing) } == "SCAN-005")
    }

    @Test("an OCI layout folder cannot be made to read outside its blobs")
    func layoutFolderDigestsAreChecked() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Fixture.image().write(to: dir.path("layout"), format: .ociLayoutDirectory)
        let indexPath = dir.path("layout/index.json")
        let index = try #require(FileBytes.read(indexPath))
        let hostile = String(decoding: index, as: UTF8.self)
            .replacingOccurrences(of: #""digest":"sha256:"#, with: #""digest":"sha256:../../../../etc/passwd#"#)
        try FileBytes.write(Array(hostile.utf8), to: indexPath)
        #expect(Fixture.code { try ArchiveReader().read(path: dir.path("layout"), visitors: []) } == "SCAN-012")
    }

    @Test("unused junk members do not fail the read; images still verify")
    func junkMembersIgnored() throws {
        var members = try ImageBuilder.members(images: [Fixture.image()], format: .ociArchive)
        members.insert(ArchiveMember(path: "README.txt", text: "notes about this export\n"), at: 0)
        members.insert(ArchiveMember(path: "empty", bytes: []), at: 0)
        #expect(try Fixture.read(members: members).images.count == 1)
    }
}
