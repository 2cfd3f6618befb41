import Foundation
import Testing
import TestSupport
@testable import Spool

extension SpoolIntegration {
    /// Everything a hostile or careless producer drops, at once, into a running daemon with the
    /// real scanner and an advisory database that is deleted and restored mid-run.
    @Suite struct HostileSpool {
        /// Renames `tmp/source` into `pending/` under a byte-exact name.
        static func move(_ harness: SpoolHarness, _ source: String, to name: String) {
            let moved = SpoolName.withCString("\(harness.spool)/tmp/\(source)") { from in
                SpoolName.withCString("\(harness.spool)/pending/\(name)") { rename(from, $0) }
            }
            #expect(moved == 0, "rename \(name)")
        }

        static func writeImage(_ harness: SpoolHarness, _ number: Int, as name: String) throws {
            try RealScannerTests.image(number).write(to: "\(harness.spool)/tmp/\(name)", format: .dockerLegacy)
        }

        /// Report names in done/ (sidecars without their suffix).
        static func reports(_ harness: SpoolHarness) -> [String] {
            harness.entries("done").filter { $0.hasSuffix(".report.json") }.map { String($0.dropLast(12)) }
        }

        @Test func everyDropEndsInOnePlaceWithACodedResult() async throws {
            let harness = try SpoolHarness()
            let started = Date()
            try SpoolLayout(root: harness.spool).prepare()

            // An advisory database that flags musl below 1.2.5-r100 (every test image).
            let feed = "\(harness.root)/CVE-2099-0001.json"
            try #"{"id":"CVE-2099-0001","modified":"2026-01-01T00:00:00Z","summary":"test","affected":[{"package":{"ecosystem":"Alpine:v3.20","name":"musl"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.2.5-r100"}]}]}],"database_specific":{"severity":"HIGH"}}"#
                .write(toFile: feed, atomically: false, encoding: .utf8)
            let db = "\(harness.root)/advisories.db"
            let (imported, _) = try await harness.run(["db", "import", feed, "--db", db], log: "import")
            try #require(imported == 0, "db import: \(harness.read("\(harness.logs)/import.stderr"))")

            let daemon = try harness.start(["watch", "--spool", harness.spool, "--workers", "2", "--settle-ms", "400",
                                            "--retry-backoff-seconds", "0.2", "--rescan-seconds", "60", "--db", db,
                                            "--grace-seconds", "5", "--log-format", "json"], log: "daemon")
            try await harness.waitUntil("daemon ready", timeout: 30) {
                FileManager.default.fileExists(atPath: "\(harness.spool)/.state/slots.json")
            }

            // Good images under ordinary, long (243–255 bytes), non-UTF-8 and newline names.
            var good: [String] = ["good-0.tar", "good-1.tar", "good-2.tar"]
            for length in [243, 247, 251, 255] {
                good.append(String(repeating: "n", count: length - 7) + String(format: "%03d", length) + ".tar")
            }
            good.append(SpoolName.string(Array("odd-".utf8) + [0xFF, 0xC0, 0x80] + Array(".tar".utf8)))
            good.append("two\nlines.tar")
            for number in good.indices { try Self.writeImage(harness, number, as: "g\(number)") }
            // Four hard links of one image, and a file outside the spool a symlink points at.
            try Self.writeImage(harness, 40, as: "linked")
            try RealScannerTests.image(41).write(to: "\(harness.root)/outside.tar", format: .dockerLegacy)
            let slowImage = "\(harness.root)/slow.tar"
            try RealScannerTests.image(42).write(to: slowImage, format: .dockerLegacy)

            // All at once.
            for (number, name) in good.enumerated() { Self.move(harness, "g\(number)", to: name) }
            let links = (0..<4).map { "link-\($0).tar" }
            for name in links { #expect(link("\(harness.spool)/tmp/linked", "\(harness.spool)/pending/\(name)") == 0) }
            unlink("\(harness.spool)/tmp/linked")
            let pending = "\(harness.spool)/pending"
            #expect(mkdir("\(pending)/folder.tar", 0o755) == 0)
            #expect(symlink("\(harness.root)/outside.tar", "\(pending)/out-link.tar") == 0)
            #expect(symlink("good-0.tar", "\(pending)/in-link.tar") == 0)
            #expect(mkfifo("\(pending)/pipe.tar", 0o644) == 0)
            #expect(creat("\(pending)/empty.tar", 0o644) >= 0)
            // A file written in place, slowly (pauses shorter than the settle time).
            let slowBytes = try Data(contentsOf: URL(fileURLWithPath: slowImage))
            let writer = Task {
                let fd = open("\(pending)/slow.tar", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                let chunk = (slowBytes.count + 7) / 8
                for start in stride(from: 0, to: slowBytes.count, by: chunk) {
                    let piece = slowBytes[start..<min(start + chunk, slowBytes.count)]
                    _ = piece.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
                    try? await Task.sleep(for: .milliseconds(150))
                }
                close(fd)
            }

            // The database disappears once a few reports are out, and jobs arrive meanwhile.
            try await harness.waitUntil("3 reports", timeout: 60) { Self.reports(harness).count >= 3 }
            #expect(rename(db, db + ".away") == 0)
            let during = (0..<3).map { "during-\($0).tar" }
            for (index, name) in during.enumerated() {
                try Self.writeImage(harness, 60 + index, as: name)
                Self.move(harness, name, to: name)
            }
            try await harness.waitUntil("reports made without the database", timeout: 60) {
                Set(during).isSubset(of: Self.reports(harness))
            }
            #expect(rename(db + ".away", db) == 0)
            let after = (0..<2).map { "after-\($0).tar" }
            for (index, name) in after.enumerated() {
                try Self.writeImage(harness, 70 + index, as: name)
                Self.move(harness, name, to: name)
            }
            await writer.value

            let expectedReports = good.count + links.count + 1 + during.count + after.count
            try await harness.waitUntil("all reports", timeout: 90) {
                Self.reports(harness).count == expectedReports && harness.entries("pending").isEmpty
                    && harness.entries("in-progress").isEmpty && harness.entries("parsing").isEmpty
            }
            #expect(daemon.isRunning, "the daemon kept serving")
            #expect(try await harness.stop(daemon) == 0)

            // Each drop in exactly one final place, with its code; no stray links.
            harness.expectSettled()
            #expect(harness.finished("error") == ["empty.tar", "folder.tar", "in-link.tar", "out-link.tar", "pipe.tar"])
            for name in ["folder.tar", "in-link.tar", "out-link.tar", "pipe.tar"] {
                #expect(try harness.json("\(harness.spool)/error/\(name).error.json")["code"] as? String == "HNDL-010")
            }
            #expect(try harness.json("\(harness.spool)/error/empty.tar.error.json")["code"] as? String == "SCAN-002")
            #expect(FileOps.lstat("\(harness.root)/outside.tar")?.isRegular == true, "the symlink's target is untouched")

            var originals: Set<String> = []
            for name in Self.reports(harness) {
                let report = try harness.json("\(harness.spool)/done/\(name).report.json")
                let job = try #require(report["job"] as? [String: Any])
                originals.insert((job["originalName"] as? String) ?? (job["name"] as? String) ?? "")
                #expect(job["attempts"] as? Int == 1, "\(name): no attempt spent on the outage")
                let warnings = (report["warnings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
                let images = (report["artifact"] as? [String: Any])?["images"] as? [[String: Any]] ?? []
                #expect(!images.isEmpty, "\(name) has a full report")
                if during.contains(name) {
                    #expect(warnings.contains("DB-007"), "\(name) was finished during the outage")
                } else if after.contains(name) {
                    #expect(!warnings.contains("DB-007"), "\(name) was matched after the restore")
                    let vulnerabilities = images.first?["vulnerabilities"] as? [[String: Any]] ?? []
                    #expect(vulnerabilities.contains { $0["id"] as? String == "CVE-2099-0001" }, "\(name)")
                }
            }
            #expect(originals == Set(good + links + ["slow.tar"] + during + after))
            let log = harness.read("\(harness.logs)/daemon.stderr")
            #expect(log.contains("DB-007") && log.contains("HNDL-010"))
            #expect(Date().timeIntervalSince(started) < 120)
        }
    }
}
