import Foundation
import ScanReport
import Testing
import TestSupport

/// The command line as a user meets it: `--version`, a mistyped subcommand, trivy's scanner words,
/// and `scan` finding the database that `db import` wrote at the default path.
@Suite struct CommandLineTests {
    /// Runs the built binary; returns its exit status, stdout and stderr.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String, String) {
        var env = ProcessInfo.processInfo.environment
        env["SPOOLSCAN_DB"] = nil
        for (key, value) in environment { env[key] = value }
        let result = try CommandRunner.run(SpoolHarness.binary, arguments, environment: env)
        return (result.status, result.stdout, result.stderr)
    }

    @Test func versionFlag() throws {
        let (status, output, _) = try Self.run(["--version"])
        #expect(status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == SpoolscanVersion.string)
    }

    @Test func unknownSubcommandGetsSuggestion() throws {
        let (status, output, errors) = try Self.run(["scna", "image.tar"])
        #expect(status == 3)
        #expect(output.isEmpty)
        #expect(errors.contains("unknown command 'scna' for 'spoolscan'. Did you mean 'scan'?"), "\(errors)")
        let (dbStatus, _, dbErrors) = try Self.run(["db", "updaet"])
        #expect(dbStatus == 3)
        #expect(dbErrors.contains("unknown command 'updaet' for 'spoolscan db'. Did you mean 'update'?"), "\(dbErrors)")
        let (_, _, farErrors) = try Self.run(["frobnicate"])
        #expect(farErrors.contains("unknown command 'frobnicate'") && !farErrors.contains("Did you mean"), "\(farErrors)")
        // Known commands and options still reach the parser.
        #expect(try Self.run(["db", "--help"]).0 == 0)
    }

    static let requestsImage = ImageBuilder(layers: [
        .init(files: [.file("usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA",
                            "Metadata-Version: 2.1\nName: requests\nVersion: 2.19.1\n")]),
    ])

    static let advisory = """
        {"id": "PYSEC-2018-28", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2018-18074"],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.20.0"}]}]}]}
        """

    @Test func scannerAliasesFromTrivy() throws {
        try TemporaryDirectory.with { dir in
            let image = dir.path("image.tar")
            try Self.requestsImage.write(to: image, format: .dockerLegacy)
            let (status, output, errors) = try Self.run(["scan", image, "--scanners", "vuln,secret"],
                                                        environment: ["HOME": dir.path("home")])
            #expect(status == 0, "\(errors)")
            let report = try ReportCodec.decode(from: Data(output.utf8))
            #expect(report.artifact.images.first?.packages.map(\.name) == ["requests"])
            let (bad, _, badErrors) = try Self.run(["scan", image, "--scanners", "vulns"], environment: ["HOME": dir.path("home")])
            #expect(bad == 3)
            #expect(badErrors.contains("unknown scanner 'vulns' (did you mean 'vuln'?)"), "\(badErrors)")
        }
    }

    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/var/lib/spoolscan"),
                   "/var/lib/spoolscan exists here: the default database would be the system one"))
    func scanUsesTheDefaultDatabase() throws {
        try TemporaryDirectory.with { dir in
            let home = dir.path("home")
            let image = dir.path("image.tar")
            try Self.requestsImage.write(to: image, format: .dockerLegacy)
            // No database yet: the scan says so and matches nothing.
            let (before, beforeOutput, _) = try Self.run(["scan", image], environment: ["HOME": home])
            #expect(before == 0)
            #expect(try ReportCodec.decode(from: Data(beforeOutput.utf8)).database == nil)
            // `db import` without --db writes the default database; `scan` without --db uses it.
            try Data(Self.advisory.utf8).write(to: URL(fileURLWithPath: dir.path("advisory.json")))
            let (imported, _, importErrors) = try Self.run(["db", "import", dir.path("advisory.json")], environment: ["HOME": home])
            #expect(imported == 0, "\(importErrors)")
            #expect(FileManager.default.fileExists(atPath: home + "/.cache/spoolscan/advisories.db"))
            let (status, output, errors) = try Self.run(["scan", image], environment: ["HOME": home])
            #expect(status == 0, "\(errors)")
            let report = try ReportCodec.decode(from: Data(output.utf8))
            #expect(report.database?.path == home + "/.cache/spoolscan/advisories.db")
            #expect(report.artifact.images.first?.vulnerabilities.map(\.id) == ["CVE-2018-18074"])
        }
    }
}
