import Foundation
import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Several images in one artifact")
struct MultiImageTests {
    static let first = Fixture.image(tags: ["example/one:1"])
    static let second = ImageBuilder(layers: [Fixture.base, .init(files: [.file("srv/two.txt", "two")])],
                                     tags: ["example/two:2", "example/two:latest"])

    @Test("images come in manifest order and a shared layer is read once",
          arguments: ImageBuilder.Format.allCases)
    func sharedLayerReadOnce(format: ImageBuilder.Format) throws {
        let visitor = RecordingVisitor()
        let artifact = try Fixture.roundTrip([Self.first, Self.second], format: format, layerCompression: .gzip,
                                             visitors: [visitor])
        let images = artifact.images
        if format == .ociArchive || format == .ociLayoutDirectory {
            // One index entry per tag: the second image appears once per tag.
            #expect(images.map(\.repoTags) == [["example/one:1"], ["example/two:2"], ["example/two:latest"]])
        } else {
            #expect(images.map(\.repoTags) == [["example/one:1"], ["example/two:2", "example/two:latest"]])
        }
        let last = try #require(images.last)
        #expect(images[0].layers[0].streamID == last.layers[0].streamID)
        #expect(images[0].layers[1].streamID != last.layers[1].streamID)
        #expect(visitor.beganLayers.count == 3)
        #expect(Set(visitor.beganLayers).count == 3)
        #expect(last.filesystem.node(at: "srv/two.txt") != nil)
        #expect(last.filesystem.node(at: "app/main.py") == nil)
        #expect(last.layerIndex(of: images[0].layers[0].streamID) == 0)
        #expect(last.layerIndex(of: images[0].layers[1].streamID) == nil)
    }

    @Test("a nested index (multi-platform) yields each exported platform's image with the outer tag")
    func nestedIndex() throws {
        var members = try ImageBuilder.members(images: [Self.first, Self.second], format: .ociArchive)
        let indexPosition = try #require(members.firstIndex { $0.path == "index.json" })
        var index = try #require(try JSONSerialization.jsonObject(with: Data(members[indexPosition].bytes)) as? [String: Any])
        let manifests = try #require(index["manifests"] as? [[String: Any]])
        // A third platform whose manifest was not exported (a partial multi-platform save).
        let absent: [String: Any] = ["mediaType": "application/vnd.oci.image.manifest.v1+json",
                                     "digest": "sha256:" + String(repeating: "e", count: 64), "size": 100]
        let inner = try JSONSerialization.data(withJSONObject: [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [manifests[0], absent, manifests[1]].map { $0.filter { $0.key != "annotations" } },
        ] as [String: Any])
        let innerHex = SHA256Hasher.hex(Array(inner))
        members.insert(ArchiveMember(path: "blobs/sha256/" + innerHex, bytes: Array(inner)), at: indexPosition)
        index["manifests"] = [["mediaType": "application/vnd.oci.image.index.v1+json", "digest": "sha256:" + innerHex,
                               "size": inner.count, "annotations": ["io.containerd.image.name": "example/multi:1"]]]
        members[indexPosition + 1] = ArchiveMember(path: "index.json", bytes: Array(try JSONSerialization.data(withJSONObject: index)))
        let artifact = try Fixture.read(members: members)
        #expect(artifact.images.map(\.repoTags) == [["example/multi:1"], ["example/multi:1"]])
        #expect(artifact.images[1].filesystem.node(at: "srv/two.txt") != nil)
    }

    @Test("indexes nested deeper than the cap are rejected")
    func nestingIsCapped() throws {
        var members = try ImageBuilder.members(images: [Self.first], format: .ociArchive)
        let indexPosition = try #require(members.firstIndex { $0.path == "index.json" })
        var top = try #require(try JSONSerialization.jsonObject(with: Data(members[indexPosition].bytes)) as? [String: Any])
        for _ in 0..<6 {
            let nested = Array(try JSONSerialization.data(withJSONObject: top))
            let hex = SHA256Hasher.hex(nested)
            members.insert(ArchiveMember(path: "blobs/sha256/" + hex, bytes: nested), at: 0)
            top = ["schemaVersion": 2, "manifests": [["mediaType": "application/vnd.oci.image.index.v1+json",
                                                      "digest": "sha256:" + hex, "size": nested.count]]]
        }
        members[members.count - 1] = ArchiveMember(path: "index.json", bytes: Array(try JSONSerialization.data(withJSONObject: top)))
        #expect(Fixture.code { try Fixture.read(members: members) } == "SCAN-012")
    }

    @Test("build attestation manifests next to an image are not reported as images")
    func attestationsSkipped() throws {
        var members = try ImageBuilder.members(images: [Self.first], format: .ociArchive)
        let position = try #require(members.firstIndex { $0.path == "index.json" })
        var index = try #require(try JSONSerialization.jsonObject(with: Data(members[position].bytes)) as? [String: Any])
        var manifests = try #require(index["manifests"] as? [[String: Any]])
        var attestation = manifests[0]
        attestation["annotations"] = ["vnd.docker.reference.type": "attestation-manifest"]
        manifests.append(attestation)
        index["manifests"] = manifests
        members[position] = ArchiveMember(path: "index.json", bytes: Array(try JSONSerialization.data(withJSONObject: index)))
        #expect(try Fixture.read(members: members).images.count == 1)
    }
}
