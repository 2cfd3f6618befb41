import Foundation
import Testing
@testable import Spool

/// Helpers for names that are bytes, and for checking where every drop ended.
extension SpoolHarness {
    /// Writes `content` under the byte name `name` in `tmp/`, then renames it into `pending/`.
    func drop(bytes name: [UInt8], _ content: String) throws {
        let temporary = "\(spool)/tmp/" + SpoolName.string(name)
        let target = "\(spool)/pending/" + SpoolName.string(name)
        let fd = SpoolName.withCString(temporary) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        guard fd >= 0 else { throw HarnessError("create \(temporary): \(errno)") }
        _ = content.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        let moved = SpoolName.withCString(temporary) { from in SpoolName.withCString(target) { rename(from, $0) } }
        guard moved == 0 else { throw HarnessError("rename \(name): \(errno)") }
    }

    /// Every entry of a state folder, names as bytes-preserving strings, dot-files left out.
    func entries(_ state: String) -> [String] {
        ((try? FileOps.list("\(spool)/\(state)")) ?? []).map(\.name).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Entries of `done/` or `error/` that are artifacts (not sidecars).
    func finished(_ state: String) -> [String] {
        entries(state).filter { !$0.hasSuffix(".report.json") && !$0.hasSuffix(".error.json") }
    }

    /// The sweep flags every test here uses: quick retries, no settle time.
    var quickFlags: [String] { ["--settle-ms", "0", "--retry-backoff-seconds", "0.1", "--log-format", "json"] + scannerFlag }

    /// Each artifact in `done/` (or `error/`) has its sidecar and exactly one link; nothing is
    /// left in the other folders or as a stray link.
    func expectSettled(file: StaticString = #filePath, line: UInt = #line) {
        for state in ["pending", "in-progress", "parsing"] {
            #expect(entries(state).isEmpty, "\(state)/ holds \(entries(state))")
        }
        for (state, suffix) in [("done", ".report.json"), ("error", ".error.json")] {
            let names = entries(state)
            for artifact in finished(state) {
                #expect(names.contains(artifact + suffix), "\(state)/\(artifact) has no \(suffix)")
                if let stat = FileOps.lstat("\(spool)/\(state)/\(artifact)"), stat.isRegular {
                    #expect(stat.linkCount == 1, "\(state)/\(artifact) has \(stat.linkCount) links")
                }
            }
            for sidecar in names where sidecar.hasSuffix(suffix) {
                #expect(names.contains(String(sidecar.dropLast(suffix.count))), "\(state)/\(sidecar) has no artifact")
            }
        }
    }
}

extension SpoolIntegration {
    /// Names and files a careless or hostile producer drops: each ends in exactly one final place.
    @Suite struct OddDrops {
        /// Names of 243–255 bytes: each scanned once and finished in done/; a result name that
        /// would pass 255 bytes with its suffix is shortened with a hash, and the report keeps the
        /// full name. The sweep ends (it looped forever at 245 bytes).
        @Test func longNamesFinishOnce() async throws {
            let harness = try SpoolHarness()
            let lengths = [243, 244, 245, 250, 255]
            var names: [String] = []
            for length in lengths {
                let name = String(repeating: "a", count: length - 4 - 3) + String(format: "%03d", length) + ".tar"
                names.append(name)
                try harness.drop(name, name)
            }
            let started = Date()
            let (status, output) = try await harness.run(["sweep", "--spool", harness.spool] + harness.quickFlags, log: "sweep")
            #expect(Date().timeIntervalSince(started) < 30)
            #expect(status == 0, "\(output) \(harness.read("\(harness.logs)/sweep.stderr").suffix(2000))")
            #expect(output.contains("done=5 error=0"), "\(output)")
            #expect(harness.lines("scans.log").count == 5, "each scanned once")
            harness.expectSettled()
            let done = harness.finished("done")
            #expect(done.count == 5)
            for name in done {
                let report = try harness.json("\(harness.spool)/done/\(name).report.json")
                let job = try #require(report["job"] as? [String: Any])
                let original = (job["originalName"] as? String) ?? (job["name"] as? String)
                #expect(names.contains(original ?? ""), "\(name)")
                #expect(job["attempts"] as? Int == 1)
                #expect(name.utf8.count + ".report.json".utf8.count <= 255)
            }
            // Names up to 237 bytes keep their name; longer ones are cut with `~` and a hash.
            #expect(done.filter { $0.contains("~") }.count == 5)
        }

        /// A name that is not UTF-8 is listed by status, scanned, and finished under the same
        /// bytes; JSON carries it losslessly (bytes 0x80–0xFF outside UTF-8 as U+F780–U+F7FF).
        @Test func nonUTF8NameIsProcessed() async throws {
            let harness = try SpoolHarness()
            try SpoolLayout(root: harness.spool).prepare()
            let bytes: [UInt8] = Array("odd-".utf8) + [0xFF, 0xFE, 0xC3] + Array(".tar".utf8)
            try harness.drop(bytes: bytes, "x")
            try harness.drop("newline\nname.tar", "y")
            let (_, statusJSON) = try await harness.run(["status", "--spool", harness.spool, "--json"], log: "status")
            let status = try JSONSerialization.jsonObject(with: Data(statusJSON.utf8)) as? [String: Any] ?? [:]
            #expect((status["queue"] as? [[String: Any]])?.count == 2, "status lists both: \(statusJSON)")

            let (code, output) = try await harness.run(["sweep", "--spool", harness.spool] + harness.quickFlags, log: "sweep")
            #expect(code == 0 && output.contains("done=2 error=0"), "\(output)")
            harness.expectSettled()
            let encoded = SpoolName.string(bytes)
            #expect(harness.finished("done").contains(encoded))
            #expect(SpoolName.bytes(encoded) == bytes)
            let report = try harness.json("\(harness.spool)/done/\(encoded).report.json")
            let name = try #require((report["job"] as? [String: Any])?["name"] as? String)
            #expect(SpoolName.bytes(name) == bytes, "the report's name gives back the bytes")
            #expect(harness.finished("done").contains("newline\nname.tar"))
        }

        /// Twenty hard links of one file dropped at once are twenty jobs, all finished long
        /// before the next full rescan (each waited a 60 s rescan before).
        @Test func hardLinksAreJobsOfTheirOwn() async throws {
            let harness = try SpoolHarness()
            let daemon = try await harness.startDaemon(["--settle-ms", "0", "--rescan-seconds", "60"])
            let source = "\(harness.spool)/tmp/linked.tar"
            try "linked".write(toFile: source, atomically: false, encoding: .utf8)
            let names = (0..<20).map { String(format: "link-%02d.tar", $0) }
            for name in names { #expect(link(source, "\(harness.spool)/pending/\(name)") == 0) }
            unlink(source)
            try await harness.waitUntil("20 done", timeout: 20) {
                harness.entries("done").filter { $0.hasSuffix(".report.json") }.count == 20
            }
            #expect(try await harness.stop(daemon) == 0)
            #expect(harness.finished("done") == names)
            harness.expectSettled()
        }

        /// A directory, symlinks (to a file outside the spool and inside it), a FIFO and a
        /// zero-byte file: each in error/ with its code; no link followed, no FIFO opened, the
        /// files the links point at untouched.
        @Test func nonRegularDropsGoToError() async throws {
            let harness = try SpoolHarness()
            let outside = "\(harness.root)/outside.tar"
            try "outside".write(toFile: outside, atomically: false, encoding: .utf8)
            try harness.drop("inside.tar", "inside")
            let pending = "\(harness.spool)/pending"
            #expect(mkdir("\(pending)/folder.tar", 0o755) == 0)
            #expect(symlink(outside, "\(pending)/out-link.tar") == 0)
            #expect(symlink("inside.tar", "\(pending)/in-link.tar") == 0)
            #expect(mkfifo("\(pending)/pipe.tar", 0o644) == 0)
            try harness.drop("empty.tar", "")

            let (status, output) = try await harness.run(["sweep", "--spool", harness.spool] + harness.quickFlags, log: "sweep")
            #expect(status == 2, "jobs ended in error/: \(output)")
            #expect(output.contains("done=1 error=5"), "\(output)")
            harness.expectSettled()
            #expect(harness.finished("error") == ["empty.tar", "folder.tar", "in-link.tar", "out-link.tar", "pipe.tar"])
            for name in ["folder.tar", "in-link.tar", "out-link.tar", "pipe.tar"] {
                let record = try harness.json("\(harness.spool)/error/\(name).error.json")
                #expect(record["code"] as? String == "HNDL-010", "\(name)")
            }
            #expect(try harness.json("\(harness.spool)/error/empty.tar.error.json")["code"] as? String == "SCAN-002")
            #expect(harness.read(outside) == "outside")
            #expect(harness.finished("done") == ["inside.tar"])
            let stderr = harness.read("\(harness.logs)/sweep.stderr")
            #expect(stderr.contains("HNDL-010") && stderr.contains("FIFO") && stderr.contains("symbolic link"))
        }
    }
}
