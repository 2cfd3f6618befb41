import Foundation
import Testing
import ImageScanner
import ScanReport
import SpoolscanCore
import TestSupport

/// Whole scans of images built in the test: every section of the report is filled from the
/// right layer, and the encoded report validates against the JSON schema.
@Suite struct ImageScannerTests {
    static let secret = "ghp_" + "R8vXq2LmN5pT7wY9zA1bC3dE5fG7hJ9kL2mN"

    static func image() -> ImageBuilder {
        ImageBuilder(layers: [
            .init(files: [
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
                .file("etc/debian_version", "12.7\n"),
                .file("var/lib/dpkg/status", """
                    Package: libc6
                    Status: install ok installed
                    Architecture: amd64
                    Source: glibc
                    Version: 2.36-9+deb12u7

                    Package: removed-thing
                    Status: deinstall ok config-files
                    Architecture: amd64
                    Version: 1.0


                    """),
                .file("usr/bin/passwd", "binary", mode: 0o4755),
            ], createdBy: "ADD rootfs.tar.xz /"),
            .init(files: [
                .file("usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA",
                      "Metadata-Version: 2.1\nName: requests\nVersion: 2.19.1\nLicense: Apache 2.0\n"),
                .file("root/.git-credentials", "https://octocat:\(secret)@github.com\n"),
            ], createdBy: "RUN pip install requests==2.19.1"),
            .init(files: [.whiteout("root/.git-credentials")], createdBy: "RUN rm /root/.git-credentials"),
        ], config: .init(env: ["PATH=/usr/bin", "API_TOKEN=hunter2hunter2"], exposedPorts: ["22/tcp"]), tags: ["example/scan:1"])
    }

    @Test(arguments: [ImageBuilder.Format.dockerLegacy, .docker25, .ociArchive, .ociLayoutDirectory])
    func scanFillsEverySection(format: ImageBuilder.Format) throws {
        try TemporaryDirectory.with { dir in
            let path = dir.path("image" + (format == .ociLayoutDirectory ? "" : ".tar"))
            try Self.image().write(to: path, format: format, layerCompression: .gzip)
            let report = try ImageScanner().scan(path: path)
            let image = try #require(report.artifact.images.first)
            #expect(image.repoTags == ["example/scan:1"])
            #expect(image.os?.family == "debian" && image.os?.version == "12.7")
            #expect(image.layers.count == 3 && image.layers.allSatisfy { $0.compression == "gzip" })
            let libc = try #require(image.packages.first { $0.name == "libc6" })
            #expect(libc.sourceName == "glibc" && libc.layer.index == 0)
            #expect(!image.packages.contains { $0.name == "removed-thing" })
            let requests = try #require(image.packages.first { $0.name == "requests" })
            #expect(requests.type == .pypi && requests.layer.index == 1 && requests.layer.diffID == image.layers[1].diffID)
            let token = try #require(image.secrets.first { $0.path == "root/.git-credentials" })
            #expect(token.deletedInLaterLayer && token.layer?.index == 1)
            #expect(image.misconfigurations.contains { $0.id == "CIS-DI-0001" })  // runs as root
            #expect(image.config.envNames == ["PATH", "API_TOKEN"])
            #expect(report.warnings.contains { $0.code == "DB-007" && $0.message.hasPrefix("no advisory database") })

            let data = try ReportCodec.encode(report)
            let errors = try JSONSchemaValidator.reportSchema().validate(JSONSerialization.jsonObject(with: data))
            #expect(errors.isEmpty, "\(errors)")
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains(Self.secret) && !text.contains("hunter2hunter2"))
        }
    }

    @Test func badInputEndsInItsCode() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.path("empty.tar")
            FileManager.default.createFile(atPath: path, contents: Data())
            let error = #expect(throws: SpoolscanError.self) { try ImageScanner().scan(path: path) }
            #expect(error?.code == .emptyFile)
        }
    }
}
