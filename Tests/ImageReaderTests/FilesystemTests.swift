import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Final filesystem across layers")
struct FilesystemTests {
    static let layers: [ImageBuilder.Layer] = [
        .init(files: [.directory("var/cache/apk"), .file("var/cache/apk/index", "old index"), .file("etc/issue", "v1"),
                      .directory("opt"), .file("opt/tool", "t")]),
        .init(files: [.whiteout("var/cache"), .whiteout("etc/issue"), .opaqueWhiteout(in: "")]),
        .init(files: [.file("var/cache/new", "fresh"), .file("etc/issue", "v3")]),
    ]

    @Test("a deleted folder loses its subtree; a path re-added later belongs to the later layer")
    func deleteAndRecreate() throws {
        let image = try #require(try Fixture.roundTrip([ImageBuilder(layers: Self.layers)], format: .ociArchive).images.first)
        let fs = image.filesystem
        #expect(fs.node(at: "var/cache/apk/index") == nil)
        #expect(fs.node(at: "var/cache/apk") == nil)
        #expect(fs.node(at: "var/cache/new")?.layerIndex == 2)
        #expect(fs.node(at: "etc/issue")?.layerIndex == 2)
        #expect(!fs.isVisible(path: "etc/issue", fromLayer: 0))
        // The opaque whiteout at the root hides every lower-layer path.
        #expect(fs.node(at: "opt/tool") == nil)
        var paths: [String] = []
        fs.forEach { paths.append($0.entry.path) }
        #expect(paths == ["etc", "etc/issue", "var", "var/cache", "var/cache/new"])
        #expect(fs.count == 5)
    }

    @Test("whiteout entries stay in their layer's entry list for detectors")
    func whiteoutEntriesRecorded() throws {
        let image = try #require(try Fixture.roundTrip([ImageBuilder(layers: Self.layers)], format: .dockerLegacy).images.first)
        #expect(image.layers[1].entries.map(\.kind) == [.whiteout, .whiteout, .opaqueWhiteout])
        #expect(image.layers[1].entries.map(\.path) == ["var/cache", "etc/issue", ""])
    }
}
