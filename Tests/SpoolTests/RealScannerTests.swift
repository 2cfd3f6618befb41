import Foundation
import Testing
import TestSupport

/// The spool with the real `spoolscan scan` as its scanner (no override): small images built
/// here go through sweep → done/ with full reports, a corrupt one goes to error/ with its code.
@Suite(.serialized) struct RealScannerTests {
    static func image(_ number: Int) -> ImageBuilder {
        ImageBuilder(layers: [
            .init(files: [
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n"),
                .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r\(number)\nA:x86_64\no:musl\nL:MIT\n\nP:busybox\nV:1.36.1-r29\nA:x86_64\no:busybox\n\n"),
            ], createdBy: "ADD rootfs /"),
            .init(files: [.file("app/.env", "AWS_ACCESS_KEY_ID=" + "AKIA" + "Z7QW3XKJ5VB2NMRT" + "\n")], createdBy: "COPY . /app"),
        ], config: .init(user: "app"), tags: ["example/app:\(number)"])
    }

    @Test func sweepScansRealImagesEndToEnd() async throws {
        let harness = try SpoolHarness()
        for number in 0..<12 {
            let path = "\(harness.spool)/tmp/app\(number).tar"
            try Self.image(number).write(to: path, format: number % 2 == 0 ? .dockerLegacy : .ociArchive,
                                         layerCompression: number % 3 == 0 ? .gzip : .none)
            #expect(rename(path, "\(harness.spool)/pending/app\(number).tar") == 0)
        }
        // A truncated image: permanently bad input, straight to error/ with its SCAN code.
        let broken = "\(harness.spool)/tmp/broken.tar"
        try Self.image(99).write(to: broken, format: .dockerLegacy)
        #expect(truncate(broken, 3000) == 0)
        #expect(rename(broken, "\(harness.spool)/pending/broken.tar") == 0)

        let (status, output) = try await harness.run(
            ["sweep", "--spool", harness.spool, "--workers", "2", "--settle-ms", "0"], log: "sweep")
        #expect(status == 0)
        #expect(output.contains("done=12"))
        let done = harness.artifacts("done")
        #expect(done.filter { $0.hasSuffix(".tar") }.count == 12)
        for number in 0..<12 {
            let report = try harness.json("\(harness.spool)/done/app\(number).tar.report.json")
            let artifact = try #require(report["artifact"] as? [String: Any])
            let images = try #require(artifact["images"] as? [[String: Any]])
            let packages = try #require(images.first?["packages"] as? [[String: Any]])
            #expect(packages.contains { $0["name"] as? String == "musl" && $0["version"] as? String == "1.2.5-r\(number)" })
            let secrets = try #require(images.first?["secrets"] as? [[String: Any]])
            #expect(secrets.contains { ($0["match"] as? String)?.hasPrefix("AKIA") == true && ($0["layer"] as? [String: Any])?["index"] as? Int == 1 })
            let job = try #require(report["job"] as? [String: Any])
            #expect(job["attempts"] as? Int == 1)
            let text = harness.read("\(harness.spool)/done/app\(number).tar.report.json")
            #expect(!text.contains("Z7QW3XKJ5VB2NMRT"), "a report holds the full secret")
        }
        let error = try harness.json("\(harness.spool)/error/broken.tar.error.json")
        #expect((error["code"] as? String)?.hasPrefix("SCAN-00") == true)
        #expect(error["attempts"] as? Int == 1)
        #expect(harness.artifacts("pending").isEmpty && harness.artifacts("in-progress").isEmpty)
    }
}
