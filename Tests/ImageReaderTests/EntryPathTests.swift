@testable import ImageReader
import SpoolscanCore
import Testing

@Suite("Entry path normalisation")
struct EntryPathTests {
    @Test("layer paths", arguments: [
        ("./etc/passwd", "etc/passwd"), ("etc/", "etc"), (".", ""), ("./", ""), ("a//b/./c", "a/b/c"),
        ("a/../b", "b"), ("./usr/lib/../bin/", "usr/bin"),
    ])
    func layerPaths(raw: String, expected: String) throws {
        #expect(try EntryPath.normalizeLayerPath(raw, label: "t") == expected)
    }

    @Test("escaping and absolute layer paths are SCAN-007", arguments: ["../etc/passwd", "a/../../b", "/etc/passwd", "./.."])
    func unsafeLayerPaths(raw: String) {
        #expect(throws: SpoolscanError.self) { try EntryPath.normalizeLayerPath(raw, label: "t") }
        do { _ = try EntryPath.normalizeLayerPath(raw, label: "t") } catch { #expect(error.code == .unsafePath) }
    }

    @Test("hard link targets: absolute made root-relative, escaping rejected")
    func hardLinkTargets() throws {
        #expect(try EntryPath.normalizeHardLinkTarget("/bin/busybox", label: "t") == "bin/busybox")
        #expect(try EntryPath.normalizeHardLinkTarget("./bin/../bin/sh", label: "t") == "bin/sh")
        #expect(throws: SpoolscanError.self) { try EntryPath.normalizeHardLinkTarget("../../etc/shadow", label: "t") }
    }

    @Test("archive member keys resolve symlinks relative to their folder")
    func archiveKeys() {
        #expect(EntryPath.archiveKey("./abc/layer.tar") == "abc/layer.tar")
        #expect(EntryPath.archiveKey(symlinkAt: "def/layer.tar", target: "../abc/layer.tar") == "abc/layer.tar")
        #expect(EntryPath.archiveKey("../../x") == "x")
    }

    @Test("compression magic bytes")
    func magic() {
        #expect(Compression.detect([0x1f, 0x8b, 0x08, 0x00]) == .gzip)
        #expect(Compression.detect([0x28, 0xb5, 0x2f, 0xfd]) == .zstd)
        #expect(Compression.detect(Array("usr/".utf8)) == .none)
        #expect(Compression.detect([]) == .none)
    }
}
