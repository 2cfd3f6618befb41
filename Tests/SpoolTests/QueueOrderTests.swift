import Foundation
import Testing

extension SpoolIntegration {
    @Suite struct QueueOrder {
        /// 200 artifacts dropped at once, 2 workers: all end in done/ with a report, started in
        /// order of receipt.
        @Test func twoHundredDropsFinishInFifoOrder() async throws {
            let harness = try SpoolHarness()
            let daemon = try await harness.startDaemon(["--workers", "2", "--settle-ms", "200"])
            let names = (0..<200).map { String(format: "img-%03d.tar", $0) }
            for (index, name) in names.enumerated() { try harness.drop(name, "artifact \(index)\n") }
            try await harness.waitUntil("200 done", timeout: 90) { harness.artifacts("done").count == 200 }
            #expect(try await harness.stop(daemon) == 0)

            #expect(harness.artifacts("done") == names)
            #expect(harness.artifacts("pending").isEmpty && harness.artifacts("error").isEmpty)
            #expect(harness.lines("overlap.log").isEmpty)
            for name in names {
                let report = try harness.json("\(harness.spool)/done/\(name).report.json")
                let job = report["job"] as? [String: Any]
                #expect(job?["name"] as? String == name)
                #expect(job?["attempts"] as? Int == 1)
            }
            // The daemon claimed them in drop order (its log), and the scanners started in that
            // order up to the two that start together.
            let claims = harness.lines("daemon.stderr").filter { $0.contains(#""msg":"claimed""#) }.compactMap { line in
                names.first { line.contains(#""job":"\#($0)""#) }
            }
            #expect(claims == names)
            let starts = harness.lines("starts.log").map { String($0.split(separator: " ")[1]) }
            #expect(starts.count == 200)
            for (position, name) in starts.enumerated() {
                let dropped = names.firstIndex(of: name) ?? -100
                #expect(abs(dropped - position) <= 2, "\(name) started at \(position), dropped \(dropped)")
            }
            // Nothing left in flight.
            #expect(try FileManager.default.contentsOfDirectory(atPath: "\(harness.spool)/.state/jobs").isEmpty)
        }

        /// A later job with a name already in done/ gets a unique name, recorded in its report.
        @Test func sameNameTwiceGetsUniqueName() async throws {
            let harness = try SpoolHarness()
            let args = ["sweep", "--spool", harness.spool, "--settle-ms", "0"] + harness.scannerFlag
            try harness.drop("dup.tar", "first\n")
            let (status1, out1) = try await harness.run(args, log: "sweep1")
            #expect(status1 == 0 && out1.contains("sweep: done=1 error=0 skipped=0"))
            try harness.drop("dup.tar", "second\n")
            let (status2, _) = try await harness.run(args, log: "sweep2")
            #expect(status2 == 0)
            #expect(harness.artifacts("done") == ["dup.tar", "dup.tar.1"])
            #expect(harness.read("\(harness.spool)/done/dup.tar") == "first\n")
            #expect(harness.read("\(harness.spool)/done/dup.tar.1") == "second\n")
            let job = try harness.json("\(harness.spool)/done/dup.tar.1.report.json")["job"] as? [String: Any]
            #expect(job?["name"] as? String == "dup.tar.1")
            #expect(job?["originalName"] as? String == "dup.tar")
        }

        /// Files being written are never picked up: a `*.part` renamed when complete, and a file
        /// written in place over several seconds, are each scanned once, complete.
        @Test func slowDropsAreScannedOnceComplete() async throws {
            let harness = try SpoolHarness()
            let daemon = try await harness.startDaemon(["--workers", "2", "--settle-ms", "1000"])
            let chunk = String(repeating: "x", count: 4096) + "\n"
            let partPath = "\(harness.spool)/pending/slow.tar.part"
            let inPlacePath = "\(harness.spool)/pending/inplace.tar"
            // open(O_CREAT), not FileManager.createFile (which writes a temporary file and renames it in).
            let part = FileHandle(fileDescriptor: open(partPath, O_WRONLY | O_CREAT | O_EXCL, 0o644), closeOnDealloc: true)
            let inPlace = FileHandle(fileDescriptor: open(inPlacePath, O_WRONLY | O_CREAT | O_EXCL, 0o644), closeOnDealloc: true)
            for _ in 0..<8 {
                part.write(Data(chunk.utf8))
                inPlace.write(Data(chunk.utf8))
                try await Task.sleep(for: .milliseconds(400))
            }
            try part.close()
            try inPlace.close()
            #expect(rename(partPath, "\(harness.spool)/pending/slow.tar") == 0)
            try await harness.waitUntil("2 done", timeout: 30) { harness.artifacts("done").count == 2 }
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await harness.stop(daemon) == 0)

            let full = String(repeating: chunk, count: 8)
            let sha = sha256(full)
            let scans = harness.lines("scans.log").sorted()
            #expect(scans == ["scanned inplace.tar \(full.utf8.count) \(sha)", "scanned slow.tar \(full.utf8.count) \(sha)"])
        }

        /// A sweep does not wait forever for a file that keeps changing: it is skipped, untouched.
        @Test func sweepSkipsAFileStillBeingWritten() async throws {
            let harness = try SpoolHarness()
            let path = "\(harness.spool)/pending/growing.tar"
            let writer = Task {
                let handle = FileHandle(fileDescriptor: open(path, O_WRONLY | O_CREAT | O_EXCL, 0o644), closeOnDealloc: true)
                for _ in 0..<60 where !Task.isCancelled {
                    handle.write(Data("more\n".utf8))
                    try? await Task.sleep(for: .milliseconds(50))
                }
            }
            defer { writer.cancel() }
            try harness.drop("ready.tar", "ready")
            let (status, output) = try await harness.run(
                ["sweep", "--spool", harness.spool, "--settle-ms", "200"] + harness.scannerFlag, log: "sweep")
            #expect(status == 0)
            #expect(output == "sweep: done=1 error=0 skipped=1\n")
            #expect(harness.artifacts("pending") == ["growing.tar"])
            #expect(harness.lines("scans.log").count == 1)
        }

        private func sha256(_ text: String) -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
            let input = Pipe(), output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            try? process.run()
            input.fileHandleForWriting.write(Data(text.utf8))
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return String(text.prefix(64))
        }
    }
}
