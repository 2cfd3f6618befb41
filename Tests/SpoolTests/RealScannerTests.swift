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
        #expect(status == 2, "one job (broken.tar) ended in error/")
        #expect(output.contains("done=12"))
        #expect(harness.artifacts("done").count == 12)
        for number in 0..<12 {
            let report = try harness.json("\(harness.spool)/done/app\(number).tar.report.json")
            let artifact = try #require(report["artifact"] as? [String: Any])
            #expect(artifact["path"] as? String == "app\(number).tar", "the artifact beside the report, not its in-progress path")
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

    /// 200 small real images dropped at once into a running daemon with 2 scanner processes:
    /// every one ends in done/ with its own report, and scans start in order of receipt.
    @Test func daemonScans200RealImagesInOrderOfReceipt() async throws {
        let harness = try SpoolHarness()
        let count = 200
        for number in 0..<count {
            try Self.image(number).write(to: "\(harness.spool)/tmp/img\(String(format: "%03d", number)).tar", format: .dockerLegacy)
        }
        let daemon = try harness.start(["watch", "--spool", harness.spool, "--workers", "2", "--settle-ms", "0",
                                        "--log-format", "json"], log: "daemon")
        try await harness.waitUntil("daemon ready", timeout: 30) {
            FileManager.default.fileExists(atPath: "\(harness.spool)/.state/slots.json")
        }
        for number in 0..<count {
            let name = "img\(String(format: "%03d", number)).tar"
            #expect(rename("\(harness.spool)/tmp/\(name)", "\(harness.spool)/pending/\(name)") == 0)
        }
        do {
            try await harness.waitUntil("200 artifacts in done/", timeout: 120) { harness.artifacts("done").count == count }
        } catch {
            let states = ["pending", "in-progress", "parsing", "done", "error"].map { "\($0)=\(harness.artifacts($0).count)" }
            Issue.record("\(error): \(states.joined(separator: " ")); daemon log tail: \(harness.lines("daemon.stderr").suffix(5))")
            _ = try? await harness.stop(daemon, signal: SIGKILL)
            return
        }
        #expect(try await harness.stop(daemon) == 0)
        var starts: [(String, String)] = []
        for number in 0..<count {
            let name = "img\(String(format: "%03d", number)).tar"
            let report = try harness.json("\(harness.spool)/done/\(name).report.json")
            let images = (report["artifact"] as? [String: Any])?["images"] as? [[String: Any]] ?? []
            let packages = images.first?["packages"] as? [[String: Any]] ?? []
            #expect(packages.contains { $0["version"] as? String == "1.2.5-r\(number)" }, "\(name) has another image's report")
            let job = try #require(report["job"] as? [String: Any])
            starts.append((name, try #require(job["scanStartedAt"] as? String)))
        }
        // Receipt order is drop order. Two slots take the next two jobs at the same moment, so
        // neighbours may record their starts a millisecond apart either way; but no job may start
        // before one received two places earlier (that one was dispatched a whole scan sooner).
        let outOfOrder = zip(starts, starts.dropFirst(2)).filter { pair in pair.1.1 < pair.0.1 }
        #expect(outOfOrder.isEmpty, "scans started out of receipt order: \(outOfOrder.prefix(3))")
        #expect(harness.artifacts("error").isEmpty && harness.artifacts("pending").isEmpty)
    }
}
