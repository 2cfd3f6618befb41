import Foundation
import ImageReader
import SpoolscanCore
import Testing
import TestSupport

/// Real artifacts from `../shared` next to the package (a developer checkout and CI have it;
/// a fresh clone does not). Each test is skipped, with its reason shown, when the data is absent.
@Suite("Real-world artifacts")
struct RealDataTests {
    static let shared: String = {
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared").path
    }()
    static let alpineArchive = shared + "/images/alpine-311-docker-archive.tar.gz"
    static let alpineRootfs = shared + "/images/rootfs/alpine-minirootfs-3.20.3-x86_64.tar.gz"
    static let mkimage = shared + "/tools/mkimage.py"

    static var hasAlpineArchive: Bool { FileManager.default.fileExists(atPath: alpineArchive) }
    static var canRunMkimage: Bool {
        FileManager.default.fileExists(atPath: mkimage) && FileManager.default.fileExists(atPath: alpineRootfs)
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/env")
    }

    // Skipped when ../shared/images/alpine-311-docker-archive.tar.gz is absent (fresh clone).
    @Test("a real docker save of Alpine 3.11 (gzip around it)", .enabled(if: hasAlpineArchive, "needs ../shared/images/alpine-311-docker-archive.tar.gz"))
    func alpineDockerSave() throws {
        let visitor = RecordingVisitor(wants: { $0 == "etc/alpine-release" || $0 == "lib/apk/db/installed" })
        let artifact = try ArchiveReader().read(path: Self.alpineArchive, visitors: [visitor])
        #expect(artifact.format == "docker-archive+gzip")
        let image = try #require(artifact.images.first)
        #expect(image.repoTags == ["alpine:3.11"])
        #expect(image.imageID == "sha256:a187dde48cd289ac374ad8539930628314bc581a481cdb41409c9289419ddb72")
        #expect(image.layers.count == 1)
        let layer = image.layers[0]
        #expect(layer.diffID == image.config.rootfs?.diff_ids?.first)
        #expect(layer.compression == .none && layer.size == 5_861_888)
        #expect(visitor.text("etc/alpine-release", layer: layer.streamID) == "3.11.5\n")
        #expect(visitor.text("lib/apk/db/installed", layer: layer.streamID)?.contains("P:musl") == true)
        #expect(try image.filesystem.resolve("bin/sh")?.entry.path == "bin/busybox")
        #expect(image.filesystem.node(at: "etc/apk")?.entry.kind == .directory)
    }

    // Skipped when ../shared/tools/mkimage.py or the Alpine 3.20 mini rootfs is absent.
    @Test("an OCI archive made by mkimage.py from a real root filesystem", .enabled(if: canRunMkimage, "needs ../shared/tools/mkimage.py and the Alpine rootfs"))
    func mkimageOCI() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path("base"), withIntermediateDirectories: true)
        try run("/bin/tar", ["-xzf", Self.alpineRootfs, "-C", dir.path("base")])
        try FileManager.default.createDirectory(atPath: dir.path("top/etc"), withIntermediateDirectories: true)
        try FileBytes.write([], to: dir.path("top/etc/.wh.motd"))
        try FileBytes.write(Array("debug=false\n".utf8), to: dir.path("top/etc/app.conf"))
        try run("/usr/bin/env", ["python3", Self.mkimage, "--out", dir.path("img.tar"), "--format", "oci", "--compress", "gzip",
                                 "--tag", "local/alpine:3.20", dir.path("base"), dir.path("top")])
        let artifact = try ArchiveReader().read(path: dir.path("img.tar"), visitors: [])
        #expect(artifact.format == "oci-archive")
        let image = try #require(artifact.images.first)
        #expect(image.repoTags == ["local/alpine:3.20"])
        #expect(image.layers.map(\.compression) == [.gzip, .gzip])
        #expect(image.filesystem.node(at: "etc/motd") == nil)
        #expect(image.filesystem.node(at: "etc/app.conf")?.layerIndex == 1)
        #expect(image.filesystem.node(at: "etc/alpine-release")?.layerIndex == 0)
        #expect(image.layers[0].entries.count > 400)
    }

    private func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(tool) \(arguments.prefix(2)) failed")
    }
}
