import Foundation
import Testing
import TestSupport

/// Every error a command prints is one line that starts with its code from the table, and the
/// code is written once.
@Suite(.serialized) struct CodedErrorLineTests {
    /// Runs the binary with no settings file and no `SPOOLSCAN_*` variable from the test's environment.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SPOOLSCAN_") }
        env["SPOOLSCAN_CONFIG"] = "/dev/null"
        for (key, value) in environment { env[key] = value }
        let result = try CommandRunner.run(SpoolHarness.binary, arguments, environment: env)
        return (result.status, result.stdout, result.stderr)
    }

    /// The codes of the table found anywhere in `text` (`SCAN-001:`, `CONF-003:` …).
    static func codes(in text: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\\b(SCAN|HNDL|DB|CONF|INV|DET|POL|RPT)-\\d{3}:")
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
            String(text[Range($0.range, in: text)!])
        }
    }

    /// Checks that `stderr` is one line (plus, for usage errors, the usage text after it) starting with `code`.
    static func expectOneCodedLine(_ stderr: String, _ code: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let first = stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        #expect(first.hasPrefix("\(code): "), "first stderr line: \(stderr)", sourceLocation: sourceLocation)
        #expect(codes(in: stderr) == ["\(code):"], "codes in stderr: \(stderr)", sourceLocation: sourceLocation)
        #expect(!stderr.contains("NSPOSIXErrorDomain") && !stderr.contains("opendir"), "\(stderr)", sourceLocation: sourceLocation)
    }

    @Test func statusOnAMissingSpool() throws {
        let (status, output, errors) = try Self.run(["status", "--spool", "/nonexistent/spool"])
        #expect(status == 1)
        #expect(output.isEmpty)
        Self.expectOneCodedLine(errors, "HNDL-009")
        #expect(errors.contains("/nonexistent/spool"))
        try TemporaryDirectory.with { dir in
            try FileManager.default.createDirectory(atPath: dir.path("pending"), withIntermediateDirectories: true)
            let (half, _, halfErrors) = try Self.run(["status", "--spool", dir.path])
            #expect(half == 1)
            Self.expectOneCodedLine(halfErrors, "HNDL-009")
            #expect(halfErrors.contains("has no in-progress/, parsing/, done/, error/, quarantine/"), "\(halfErrors)")
            try Data(CommandLineTests.advisory.utf8).write(to: URL(fileURLWithPath: dir.path("advisory.json")))
            _ = try Self.run(["db", "import", "-q", dir.path("advisory.json"), "--db", dir.path("a.db")])
            let (rematch, _, rematchErrors) = try Self.run(["rematch", "--spool", dir.path("nothing"), "--db", dir.path("a.db")])
            #expect(rematch == 1)
            Self.expectOneCodedLine(rematchErrors, "HNDL-009")
            #expect(!rematchErrors.contains("could not be completed"), "\(rematchErrors)")
        }
    }

    @Test func statusShowsAScannerCodeOnce() async throws {
        let harness = try SpoolHarness()
        try harness.drop("junk.tar", "not an image at all\n")
        // The real scanner (no --scanner-command): the junk ends in error/ with SCAN-001.
        let (swept, _) = try await harness.run(["sweep", "--spool", harness.spool, "--config", "/dev/null", "--workers", "1"],
                                               log: "sweep")
        #expect(swept == 2, "\(harness.read("\(harness.logs)/sweep.stderr"))")
        let record = try harness.json("\(harness.spool)/error/junk.tar.error.json")
        #expect(record["code"] as? String == "SCAN-001")
        let (status, output, errors) = try Self.run(["status", "--spool", harness.spool])
        #expect(status == 0, "\(errors)")
        let line = try #require(output.split(separator: "\n").first { $0.contains("junk.tar") && $0.contains("SCAN-") })
        #expect(Self.codes(in: String(line)) == ["SCAN-001:"], "\(line)")
        #expect(line.contains("SCAN-001: not a container image archive"), "\(line)")
        let (_, json, _) = try Self.run(["status", "--spool", harness.spool, "-f", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let recent = try #require((object?["recentErrors"] as? [[String: Any]])?.first)
        #expect(recent["code"] as? String == "SCAN-001")
        #expect((recent["message"] as? String).map { !$0.hasPrefix("SCAN-001") } == true, "\(recent)")
    }

    @Test func dbImportOfAMissingFile() throws {
        try TemporaryDirectory.with { dir in
            let (status, _, errors) = try Self.run(["db", "import", dir.path("missing.json"), "--db", dir.path("a.db")])
            #expect(status == 1)
            Self.expectOneCodedLine(errors, "CONF-003")
            #expect(errors.contains("missing.json does not exist"))
            #expect(!FileManager.default.fileExists(atPath: dir.path("a.db")))
        }
    }

    @Test func scanOutputIntoAMissingFolder() throws {
        try TemporaryDirectory.with { dir in
            let image = dir.path("image.tar")
            try CommandLineTests.requestsImage.write(to: image, format: .dockerLegacy)
            let (status, output, errors) = try Self.run(["scan", image, "-o", dir.path("no/such/folder/r.json")],
                                                        environment: ["HOME": dir.path("home")])
            #expect(status == 3)
            #expect(output.isEmpty)
            Self.expectOneCodedLine(errors, "CONF-003")
            #expect(errors.contains("folder \(dir.path("no/such/folder")) does not exist"), "\(errors)")
        }
    }

    @Test(.enabled(if: geteuid() != 0, "root may write into a read-only folder"))
    func scanOutputIntoAReadOnlyFolder() throws {
        try TemporaryDirectory.with { dir in
            let image = dir.path("image.tar")
            try CommandLineTests.requestsImage.write(to: image, format: .dockerLegacy)
            try FileManager.default.createDirectory(atPath: dir.path("ro"), withIntermediateDirectories: true)
            chmod(dir.path("ro"), 0o555)
            defer { chmod(dir.path("ro"), 0o755) }
            let (status, _, errors) = try Self.run(["scan", image, "--output", dir.path("ro/r.json")],
                                                   environment: ["HOME": dir.path("home")])
            #expect(status == 3)
            Self.expectOneCodedLine(errors, "HNDL-001")
            #expect(errors.contains("Permission denied"), "\(errors)")
        }
    }

    @Test func namedSettingsFileMissing() throws {
        for command in ["sweep", "watch", "status"] {
            let (status, _, errors) = try Self.run([command, "--config", "/nonexistent/spoolscan.yaml", "--spool", "/tmp"])
            #expect(status == 1, "\(command)")
            Self.expectOneCodedLine(errors, "CONF-003")
        }
    }

    @Test func usageErrorsAndUnknownCommands() throws {
        let (status, _, errors) = try Self.run(["scan", "--no-such-flag"])
        #expect(status == 3)
        Self.expectOneCodedLine(errors, "CONF-001")
        let (unknown, _, unknownErrors) = try Self.run(["scna"])
        #expect(unknown == 3)
        Self.expectOneCodedLine(unknownErrors, "CONF-001")
        let (neither, _, neitherErrors) = try Self.run(["scan"])
        #expect(neither == 3)
        Self.expectOneCodedLine(neitherErrors, "CONF-001")
        let (severity, _, severityErrors) = try Self.run(["report", "show", "r.json", "--severity", "hot"])
        #expect(severity == 3)
        Self.expectOneCodedLine(severityErrors, "CONF-001")
        #expect(severityErrors.contains("--severity takes one of"))
        let (format, _, formatErrors) = try Self.run(["status", "-f", "xml"])
        #expect(format == 1)
        Self.expectOneCodedLine(formatErrors, "CONF-001")
    }

    @Test func reportFilesThatAreMissingOrNoReport() throws {
        try TemporaryDirectory.with { dir in
            let (missing, _, missingErrors) = try Self.run(["report", "show", dir.path("none.json")])
            #expect(missing == 3)
            Self.expectOneCodedLine(missingErrors, "CONF-003")
            try Data("{\"hello\": 1}".utf8).write(to: URL(fileURLWithPath: dir.path("other.json")))
            let (other, _, otherErrors) = try Self.run(["report", "diff", dir.path("other.json"), dir.path("other.json")])
            #expect(other == 3)
            Self.expectOneCodedLine(otherErrors, "CONF-009")
        }
    }

    @Test func databaseCommandsOnAMissingDatabase() throws {
        for arguments in [["db", "info", "--db", "/nonexistent/a.db"], ["rematch", "--spool", "/tmp", "--db", "/nonexistent/a.db"],
                          ["sweep", "--spool", "/tmp", "--db", "/nonexistent/a.db"]] {
            let (status, _, errors) = try Self.run(arguments)
            #expect(status == 1, "\(arguments)")
            Self.expectOneCodedLine(errors, "DB-001")
        }
    }
}
