import ImageReader
import SpoolscanCore
import Testing
import TestSupport

@Suite("Image config and tar dialects")
struct ConfigAndDialectTests {
    @Test("config fields round-trip and createdBy skips empty_layer history entries")
    func configRoundTrip() throws {
        let config = ImageBuilder.Config(
            user: "1000:1000", env: ["PATH=/bin", "API_TOKEN=not-a-secret"], exposedPorts: ["80/tcp", "53/udp"],
            healthcheck: ["CMD", "curl", "-f", "http://localhost/"], cmd: ["nginx", "-g", "daemon off;"],
            entrypoint: ["/docker-entrypoint.sh"], workingDir: "/srv", labels: ["maintainer": "ops"],
            history: [.init(createdBy: "ADD rootfs /"), .init(createdBy: "ENV PATH=/bin", emptyLayer: true),
                      .init(createdBy: "RUN apk add nginx")])
        let image = ImageBuilder(layers: [Fixture.base, Fixture.change], config: config)
        let read = try #require(try Fixture.roundTrip([image], format: .ociArchive).images.first)
        let run = try #require(read.config.config)
        #expect(run.User == "1000:1000")
        #expect(run.Env == ["PATH=/bin", "API_TOKEN=not-a-secret"])
        #expect(Set(run.ExposedPorts?.keys.map { $0 } ?? []) == ["80/tcp", "53/udp"])
        #expect(run.Healthcheck?.Test == ["CMD", "curl", "-f", "http://localhost/"])
        #expect(run.Cmd == ["nginx", "-g", "daemon off;"])
        #expect(run.Entrypoint == ["/docker-entrypoint.sh"])
        #expect(run.WorkingDir == "/srv")
        #expect(run.Labels == ["maintainer": "ops"])
        #expect(read.config.history?.count == 3)
        #expect(read.layers.map(\.createdBy) == ["ADD rootfs /", "RUN apk add nginx"])
        #expect(String(decoding: read.configJSON, as: UTF8.self).contains("\"empty_layer\":true"))
    }

    @Test("ustar, GNU and pax layers with long paths read the same",
          arguments: [TarWriter.Format.ustar, .gnu, .pax])
    func dialects(format: TarWriter.Format) throws {
        let deep = (1...6).map { "folder\($0)-" + String(repeating: "x", count: 14) }.joined(separator: "/")
        let layer = ImageBuilder.Layer(files: [.directory(deep), .file(deep + "/file.txt", "deep"),
                                               .symlink(deep + "/link", to: "file.txt")], format: format)
        let visitor = RecordingVisitor()
        let image = try #require(try Fixture.roundTrip([ImageBuilder(layers: [layer])], format: .dockerLegacy, visitors: [visitor]).images.first)
        #expect(image.layers[0].entries.map(\.path) == [deep, deep + "/file.txt", deep + "/link"])
        #expect(visitor.text(deep + "/file.txt", layer: image.layers[0].streamID) == "deep")
        #expect(try image.filesystem.resolve(deep + "/link")?.entry.size == 4)
    }

    @Test("TarWriter refuses what ustar cannot hold")
    func ustarLimits() throws {
        let writer = try TarWriter(format: .ustar)
        #expect(throws: TestSupportError.self) { try writer.add(.file(String(repeating: "n", count: 120), "x")) }
    }
}
