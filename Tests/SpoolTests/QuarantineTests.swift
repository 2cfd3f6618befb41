import Foundation
import ScanReport
import Testing
@testable import Spool

/// `--quarantine`: a report whose verdict is `fail` takes its artifact to `quarantine/`.
@Suite(.serialized) struct QuarantineTests {
    /// A scanner that writes `evil.json` (a malware hit: the built-in policy fails it) for names
    /// starting with `evil`, fails names starting with `bad` with `SCAN-003`, and writes
    /// `clean.json` (no findings) for the rest.
    static func scanner(_ harness: SpoolHarness) throws -> [String] {
        var evil = ActionsFixtures.report(name: "x")
        evil.job = nil
        evil.verdict = nil
        var clean = evil
        clean.artifact.images[0].vulnerabilities = []
        clean.artifact.images[0].secrets = []
        clean.artifact.images[0].malware = []
        clean.artifact.images[0].misconfigurations = []
        try ReportCodec.encode(evil).write(to: URL(fileURLWithPath: "\(harness.root)/evil.json"))
        try ReportCodec.encode(clean).write(to: URL(fileURLWithPath: "\(harness.root)/clean.json"))
        let script = try ActionsFixtures.script("\(harness.root)/verdict-scanner.sh", """
            case "$(basename "$1")" in bad*) echo "SCAN-003: truncated tar header at 512" >&2; exit 2 ;; evil*) cp "\(harness.root)/evil.json" "$2" ;; *) cp "\(harness.root)/clean.json" "$2" ;; esac
            """)
        return ["--scanner-command", "\(script) {artifact} {output}"]
    }

    @Test func failingVerdictGoesToQuarantineOnlyWhenAsked() async throws {
        let harness = try SpoolHarness()
        let scanner = try Self.scanner(harness)
        try harness.drop("evil.tar", "bad image")
        try harness.drop("good.tar", "good image")
        let (status, out) = try await harness.run(["sweep", "--spool", harness.spool, "--quarantine"] + scanner, log: "sweep")
        #expect(status == 0, "\(harness.read("\(harness.logs)/sweep.stderr"))")
        #expect(out.contains("done=1 error=0 skipped=0 quarantine=1"), "\(out)")
        #expect(harness.artifacts("quarantine") == ["evil.tar"])
        #expect(harness.artifacts("done") == ["good.tar"])
        let report = try harness.json("\(harness.spool)/quarantine/evil.tar.report.json")
        #expect((report["verdict"] as? [String: Any])?["result"] as? String == "fail")
        #expect((report["job"] as? [String: Any])?["name"] as? String == "evil.tar")

        let (_, json) = try await harness.run(["status", "--spool", harness.spool, "--json"], log: "status-json")
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
        #expect((parsed["counts"] as? [String: Int])?["quarantine"] == 1)
        #expect((parsed["counts"] as? [String: Int])?["done"] == 1)
        #expect((parsed["verdicts"] as? [String: Int])?["pass"] == 1)
        #expect((parsed["verdicts"] as? [String: Int])?["fail"] == 1)
        let (_, text) = try await harness.run(["status", "--spool", harness.spool], log: "status-text")
        #expect(text.contains("Quarantined: 1"), "\(text)")
        #expect(text.contains("Verdicts: pass 1  fail 1"), "\(text)")

        // Off by default: a failing report stays in done/.
        try harness.drop("evil2.tar", "bad image")
        let (again, line) = try await harness.run(["sweep", "--spool", harness.spool] + scanner, log: "sweep2")
        #expect(again == 0)
        #expect(line.contains("done=1 error=0 skipped=0"), "\(line)")
        #expect(harness.artifacts("done") == ["evil2.tar", "good.tar"])
        #expect(harness.artifacts("quarantine") == ["evil.tar"])
    }

    /// A name taken in `quarantine/` (not in `done/`): the report is built again under the free
    /// name, so its `job.name` is the name the artifact has in `quarantine/`.
    @Test func takenQuarantineNameGivesTheNextOneInTheReport() async throws {
        let harness = try SpoolHarness()
        let scanner = try Self.scanner(harness)
        try FileManager.default.createDirectory(atPath: "\(harness.spool)/quarantine", withIntermediateDirectories: true)
        try "earlier".write(toFile: "\(harness.spool)/quarantine/evil.tar", atomically: false, encoding: .utf8)
        try harness.drop("evil.tar", "bad image")
        let (status, out) = try await harness.run(["sweep", "--spool", harness.spool, "--quarantine"] + scanner, log: "sweep")
        #expect(status == 0, "\(harness.read("\(harness.logs)/sweep.stderr"))")
        #expect(out.contains("quarantine=1"), "\(out)")
        #expect(harness.artifacts("quarantine") == ["evil.tar", "evil.tar.1"])
        #expect(harness.artifacts("done").isEmpty)
        let report = try harness.json("\(harness.spool)/quarantine/evil.tar.1.report.json")
        #expect((report["job"] as? [String: Any])?["name"] as? String == "evil.tar.1")
        #expect((report["job"] as? [String: Any])?["originalName"] as? String == "evil.tar")
        #expect(harness.read("\(harness.spool)/quarantine/evil.tar") == "earlier")
    }

    /// A crash between linking into `quarantine/` and unlinking from `parsing/`: recovery finishes
    /// the move instead of scanning the artifact again.
    @Test func recoveryCompletesAMoveToQuarantine() async throws {
        let harness = try SpoolHarness()
        let scanner = try Self.scanner(harness)
        for folder in ["parsing", "quarantine"] {
            try FileManager.default.createDirectory(atPath: "\(harness.spool)/\(folder)", withIntermediateDirectories: true)
        }
        try "bad image".write(toFile: "\(harness.spool)/parsing/evil.tar", atomically: false, encoding: .utf8)
        #expect(link("\(harness.spool)/parsing/evil.tar", "\(harness.spool)/quarantine/evil.tar") == 0)
        try ReportCodec.encode(ActionsFixtures.report(name: "evil.tar"))
            .write(to: URL(fileURLWithPath: "\(harness.spool)/quarantine/evil.tar.report.json"))
        let hook = try ActionsFixtures.script("\(harness.root)/hook.sh", #"env -0 > "$0.$SPOOLSCAN_NAME.env""#)
        let (status, out) = try await harness.run(["sweep", "--spool", harness.spool, "--quarantine",
                                                   "--notify-command", hook] + scanner, log: "sweep")
        #expect(status == 0)
        #expect(out.contains("done=0 error=0 skipped=0"), "\(out)")
        // The job recovery finished is announced like any other.
        let notice = try ActionsFixtures.environment(in: "\(hook).evil.tar.env")
        #expect(notice["SPOOLSCAN_STATE"] == "quarantine")
        #expect(notice["SPOOLSCAN_VERDICT"] == "fail")
        #expect(harness.artifacts("parsing").isEmpty)
        #expect(harness.artifacts("quarantine") == ["evil.tar"])
        #expect(harness.artifacts("done").isEmpty)
        #expect(harness.lines("scans.log").isEmpty)
    }
}
