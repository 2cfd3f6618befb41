import Foundation
import Testing
import ScanReport
import TestSupport

/// `spoolscan scan` run as a process on images built here: exit 0 pass, 1 policy fail,
/// 2 bad artifact, 3 any other error (usage and policy errors included), and the verdict it writes.
@Suite(.serialized) struct ScanExitStatusTests {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let binary = root + "/.build/debug/spoolscan"
    static let eicar = "X5O!P%@AP[4\\PZX54(P^)7CC" + ")7}$" + "EICAR-STANDARD-" + "ANTIVIRUS-TEST-FILE!" + "$H+H*"

    struct Run { var status: Int32; var stderr: String }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw TestSupportError("\(binary) missing: run `swift build --build-tests` first")
        }
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("SPOOLSCAN_") }
        env.merge(environment) { $1 }
        let result = try CommandRunner.run(binary, arguments, environment: env)
        return Run(status: result.status, stderr: result.stderr)
    }

    static func image(_ extra: [TestFile] = []) -> ImageBuilder {
        ImageBuilder(layers: [.init(files: [
            .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n"),
            .file("usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA",
                  "Metadata-Version: 2.1\nName: requests\nVersion: 2.19.1\nLicense: Apache 2.0\n"),
        ] + extra)], config: .init(user: "app"), tags: ["example/policy:1"])
    }

    static func report(_ path: String) throws -> Report {
        try ReportCodec.decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func cleanImagePassesTheBuiltInPolicy() throws {
        try TemporaryDirectory.with { dir in
            try Self.image().write(to: dir.path("clean.tar"), format: .dockerLegacy)
            let run = try Self.run(["scan", dir.path("clean.tar"), "--output", dir.path("r.json")])
            #expect(run.status == 0, "\(run.stderr)")
            let verdict = try #require(try Self.report(dir.path("r.json")).verdict)
            #expect(verdict.result == .pass && verdict.policy.path == nil && verdict.reasons.isEmpty)
        }
    }

    @Test func malwareFailsWithStatus1UnlessIgnored() throws {
        try TemporaryDirectory.with { dir in
            try Self.image([.file("tmp/eicar.com", Self.eicar)]).write(to: dir.path("eicar.tar"), format: .ociArchive)
            let failing = try Self.run(["scan", dir.path("eicar.tar"), "--output", dir.path("r.json")])
            #expect(failing.status == 1, "\(failing.stderr)")
            #expect(failing.stderr.contains("policy fail: malware"))
            let verdict = try #require(try Self.report(dir.path("r.json")).verdict)
            #expect(verdict.result == .fail && verdict.reasons.first?.findingIds.first?.hasPrefix("malware:") == true)

            try "version: 1\nrules:\n  malware: true\nignores:\n  - {id: EICAR_Test_File, path: tmp, reason: AV self-test}\n"
                .write(toFile: dir.path("policy.yaml"), atomically: true, encoding: .utf8)
            let ignored = try Self.run(["scan", dir.path("eicar.tar"), "--policy", dir.path("policy.yaml"), "--output", dir.path("r2.json")])
            #expect(ignored.status == 0, "\(ignored.stderr)")
            let report = try Self.report(dir.path("r2.json"))
            #expect(report.verdict?.policy.path == dir.path("policy.yaml"))
            #expect(report.artifact.images[0].malware.first?.suppression?.reason == "AV self-test")

            // The spool's scanner processes (`--raw`) leave matching and the decision to the
            // parsing stage: status 0, no verdict in the raw report.
            let spool = try Self.run(["scan", dir.path("eicar.tar"), "--raw", "--output", dir.path("r3.json")])
            #expect(spool.status == 0, "\(spool.stderr)")
            #expect(try Self.report(dir.path("r3.json")).verdict == nil)
        }
    }

    @Test func spoolDecidesWithItsOwnPolicyFile() throws {
        try TemporaryDirectory.with { dir in
            let spool = dir.path("spool")
            for folder in ["pending", "tmp"] {
                try FileManager.default.createDirectory(atPath: "\(spool)/\(folder)", withIntermediateDirectories: true)
            }
            try Self.image([.file("tmp/eicar.com", Self.eicar)]).write(to: "\(spool)/pending/one.tar", format: .dockerLegacy)
            let first = try Self.run(["sweep", "--spool", spool, "--workers", "1"])
            #expect(first.status == 0, "\(first.stderr)")
            let failed = try Self.report("\(spool)/done/one.tar.report.json")
            #expect(failed.verdict?.result == .fail, "the built-in policy fails on malware")
            #expect(failed.verdict?.policy.path == nil)

            try "version: 1\nrules:\n  malware: true\nignores:\n  - {id: EICAR_Test_File, reason: AV self-test}\n"
                .write(toFile: "\(spool)/policy.yaml", atomically: true, encoding: .utf8)
            try Self.image([.file("tmp/eicar.com", Self.eicar)]).write(to: "\(spool)/pending/two.tar", format: .dockerLegacy)
            let second = try Self.run(["sweep", "--spool", spool, "--workers", "1"])
            #expect(second.status == 0, "\(second.stderr)")
            let passed = try Self.report("\(spool)/done/two.tar.report.json")
            #expect(passed.verdict?.result == .pass)
            #expect(passed.verdict?.policy.path == "\(spool)/policy.yaml")
            #expect(passed.artifact.images[0].malware.first?.suppression?.reason == "AV self-test")

            try "rules: [".write(toFile: "\(spool)/policy.yaml", atomically: true, encoding: .utf8)
            let refused = try Self.run(["sweep", "--spool", spool])
            #expect(refused.status == 3 && refused.stderr.contains("POL-001"), "\(refused.stderr)")
        }
    }

    @Test func vulnerabilityFailsAndAVEXStatementClearsIt() throws {
        try TemporaryDirectory.with { dir in
            try Self.image().write(to: dir.path("app.tar"), format: .docker25)
            try """
            {"id": "GHSA-test-0001", "modified": "2026-01-01T00:00:00Z", "published": "2025-01-01T00:00:00Z",
             "aliases": ["CVE-2099-0001"], "summary": "test advisory",
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.20.0"}]}]}]}
            """.write(toFile: dir.path("osv.json"), atomically: true, encoding: .utf8)
            let imported = try Self.run(["db", "import", dir.path("osv.json"), "--db", dir.path("adv.db")])
            #expect(imported.status == 0, "\(imported.stderr)")

            let failing = try Self.run(["scan", dir.path("app.tar"), "--db", dir.path("adv.db"), "--output", dir.path("r.json")])
            #expect(failing.status == 1, "\(failing.stderr)")
            let matched = try Self.report(dir.path("r.json"))
            #expect(matched.verdict?.reasons.first?.rule == "vulnerabilities[0]")
            #expect(matched.artifact.images[0].vulnerabilities.first?.published == "2025-01-01T00:00:00Z")

            // The advisory's OSV publication date decides the age rule.
            try "version: 1\nrules:\n  vulnerabilities: [{severity: HIGH, olderThanDays: 100000}]\n"
                .write(toFile: dir.path("young.yaml"), atomically: true, encoding: .utf8)
            #expect(try Self.run(["scan", dir.path("app.tar"), "--db", dir.path("adv.db"), "--policy", dir.path("young.yaml")]).status == 0)
            try "version: 1\nrules:\n  vulnerabilities: [{severity: HIGH, olderThanDays: 30}]\n"
                .write(toFile: dir.path("old.yaml"), atomically: true, encoding: .utf8)
            #expect(try Self.run(["scan", dir.path("app.tar"), "--db", dir.path("adv.db"), "--policy", dir.path("old.yaml")]).status == 1)

            // rematch decides the verdict again, with its own --policy.
            try FileManager.default.createDirectory(atPath: dir.path("spool/done"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: dir.path("r.json"), toPath: dir.path("spool/done/app.tar.report.json"))
            try "version: 1\nignores:\n  - {id: CVE-2099-0001, reason: accepted}\n"
                .write(toFile: dir.path("lenient.yaml"), atomically: true, encoding: .utf8)
            let rematch = try Self.run(["rematch", "--spool", dir.path("spool"), "--db", dir.path("adv.db"), "--policy", dir.path("lenient.yaml")])
            #expect(rematch.status == 0, "\(rematch.stderr)")
            let rematched = try Self.report(dir.path("spool/done/app.tar.report.json"))
            #expect(rematched.verdict?.result == .pass && rematched.verdict?.policy.path == dir.path("lenient.yaml"))
            #expect(rematched.artifact.images[0].vulnerabilities.first?.suppression?.reason == "accepted")

            try """
            {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "timestamp": "2026-11-01T00:00:00Z",
             "statements": [{"vulnerability": {"name": "CVE-2099-0001"}, "products": [{"@id": "pkg:pypi/requests@2.19.1"}],
                             "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}
            """.write(toFile: dir.path("app.vex.json"), atomically: true, encoding: .utf8)
            let cleared = try Self.run(["scan", dir.path("app.tar"), "--db", dir.path("adv.db"), "--vex", dir.path("app.vex.json"),
                                        "--output", dir.path("r2.json")])
            #expect(cleared.status == 0, "\(cleared.stderr)")
            let finding = try #require(try Self.report(dir.path("r2.json")).artifact.images[0].vulnerabilities.first)
            #expect(finding.suppression?.kind == .vex && finding.suppression?.justification == "vulnerable_code_not_in_execute_path")
        }
    }

    @Test func badArtifactIs2() throws {
        try TemporaryDirectory.with { dir in
            try "not an image".write(toFile: dir.path("bad.tar"), atomically: true, encoding: .utf8)
            let run = try Self.run(["scan", dir.path("bad.tar")])
            #expect(run.status == 2 && run.stderr.hasPrefix("SCAN-001"), "\(run.stderr)")
        }
    }

    @Test func usageHostAndPolicyErrorsAre3() throws {
        try TemporaryDirectory.with { dir in
            try Self.image().write(to: dir.path("app.tar"), format: .dockerLegacy)
            #expect(try Self.run(["scan"]).status == 3)
            #expect(try Self.run(["scan", dir.path("app.tar"), "--no-such-flag"]).status == 3)
            #expect(try Self.run(["scan", dir.path("app.tar"), "--scanners", "everything"]).status == 3)
            #expect(try Self.run(["no-such-command"]).status == 3)
            let missing = try Self.run(["scan", dir.path("missing.tar")])
            #expect(missing.status == 3 && missing.stderr.hasPrefix("SCAN-014"), "\(missing.stderr)")   // a host condition, not a bad artifact
            try "version: 1\nrules:\n  malwre: true\n".write(toFile: dir.path("typo.yaml"), atomically: true, encoding: .utf8)
            let typo = try Self.run(["scan", dir.path("app.tar"), "--policy", dir.path("typo.yaml")])
            #expect(typo.status == 3 && typo.stderr.hasPrefix("POL-001") && typo.stderr.contains("malwre"), "\(typo.stderr)")
            let noPolicy = try Self.run(["scan", dir.path("app.tar"), "--policy", dir.path("none.yaml")])
            #expect(noPolicy.status == 3 && noPolicy.stderr.hasPrefix("POL-002"))
            let noVEX = try Self.run(["scan", dir.path("app.tar"), "--vex", dir.path("none.json")])
            #expect(noVEX.status == 3 && noVEX.stderr.hasPrefix("POL-004"))
            #expect(try Self.run(["scan", "--help"]).status == 0)
        }
    }
}
