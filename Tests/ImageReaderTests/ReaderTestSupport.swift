import ImageReader
import SpoolscanCore
import Testing
import TestSupport

/// Small helpers shared by the reader tests.
enum Fixture {
    /// A base layer plus a layer that changes it: the image most tests read.
    static let base = ImageBuilder.Layer(files: [
        .directory("etc"),
        .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"),
        .file("etc/motd", "welcome\n"),
        .directory("usr/bin"),
        .file("usr/bin/tool", "#!/bin/sh\necho tool\n", mode: 0o4755),
        .symlink("usr/bin/alias", to: "tool"),
    ], createdBy: "ADD rootfs.tar /")

    static let change = ImageBuilder.Layer(files: [
        .whiteout("etc/motd"),
        .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.2\n"),
        .file("app/main.py", "print('hi')\n"),
    ], createdBy: "RUN apk upgrade")

    static func image(tags: [String] = ["example/app:1.0"]) -> ImageBuilder {
        ImageBuilder(layers: [base, change], config: .init(user: "app", exposedPorts: ["8080/tcp"], cmd: ["python", "/app/main.py"]),
                     tags: tags)
    }

    /// Writes `image` into a fresh folder and reads it back.
    static func roundTrip(_ images: [ImageBuilder], format: ImageBuilder.Format, layerCompression: ImageBuilder.Compression = .none,
                          outerCompression: ImageBuilder.Compression = .none, limits: ScanLimits = .standard,
                          visitors: [LayerVisitor] = []) throws -> ReadArtifact {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path(format == .ociLayoutDirectory ? "layout" : "image.tar")
        try ImageBuilder.write(images: images, to: path, format: format, layerCompression: layerCompression,
                               outerCompression: outerCompression)
        return try ArchiveReader(limits: limits).read(path: path, visitors: visitors)
    }

    /// Reads `members` written as a tar.
    static func read(members: [ArchiveMember], limits: ScanLimits = .standard, visitors: [LayerVisitor] = []) throws -> ReadArtifact {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try ArchiveMember.writeTar(members, to: dir.path("image.tar"))
        return try ArchiveReader(limits: limits).read(path: dir.path("image.tar"), visitors: visitors)
    }

    /// The error code reading `body` fails with (nil when it succeeds).
    static func code(_ body: () throws -> ReadArtifact) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as SpoolscanError {
            return error.code.code
        } catch {
            return "unexpected \(error)"
        }
    }

    /// The error reading `body` fails with.
    static func error(_ body: () throws -> ReadArtifact) -> SpoolscanError? {
        do { _ = try body(); return nil } catch { return error as? SpoolscanError }
    }
}
