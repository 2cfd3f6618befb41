import Foundation
import Logging
import Testing
import TestSupport
@testable import Spool

/// JSON log lines keep the types of their metadata, and the daemon's `finished` line carries the
/// verdict and the finding counts as numbers.
@Suite struct JSONLogLineTests {
    @Test func typedMetadataIsWrittenAsJSONTypes() throws {
        let lines = LineSink()
        let logger = Logger(label: "t") { JSONLogHandler(label: $0, sink: lines.append) }
        logger.info("m", metadata: [
            "count": .stringConvertible(3), "ratio": .stringConvertible(0.5), "ok": .stringConvertible(true),
            "big": .stringConvertible(Int64(1) << 40), "name": "123", "nested": .dictionary(["n": .stringConvertible(2)]),
            "list": .array([.stringConvertible(false), "x"]), "nan": .stringConvertible(Double.nan),
        ])
        let line = try #require(lines.all.first)
        for fragment in ["\"count\":3", "\"ratio\":0.5", "\"ok\":true", "\"big\":1099511627776", "\"name\":\"123\"",
                         "\"nested\":{\"n\":2}", "\"list\":[false,\"x\"]", "\"nan\":\"nan\""] {
            #expect(line.contains(fragment), "\(fragment) in \(line)")
        }
        #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any])
    }

    @Test func finishedLineCarriesVerdictAndCounts() async throws {
        let harness = try SpoolHarness()
        let db = "\(harness.root)/advisories.db"
        try Data(CommandLineTests.advisory.utf8).write(to: URL(fileURLWithPath: "\(harness.root)/advisory.json"))
        let (imported, _, importErrors) = try CodedErrorLineTests.run(["db", "import", "-q", "\(harness.root)/advisory.json", "--db", db])
        #expect(imported == 0, "\(importErrors)")
        try CommandLineTests.requestsImage.write(to: "\(harness.spool)/tmp/image.tar", format: .dockerLegacy)
        #expect(rename("\(harness.spool)/tmp/image.tar", "\(harness.spool)/pending/image.tar") == 0)
        // The real scanner; matching and the verdict happen in the parsing stage.
        let (status, _) = try await harness.run(["sweep", "--spool", harness.spool, "--config", "/dev/null", "--db", db,
                                                 "--log-format", "json", "--workers", "1"], log: "sweep")
        let stderr = harness.read("\(harness.logs)/sweep.stderr")
        #expect(status == 0, "\(stderr)")
        let line = try #require(stderr.split(separator: "\n").first { $0.contains("\"msg\":\"finished\"") }, "\(stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["verdict"] as? String == "pass")
        #expect(object["job"] as? String == "image.tar")
        let vulnerabilities = try #require(object["vulnerabilities"] as? [String: Any], "\(line)")
        #expect(Set(vulnerabilities.keys) == ["critical", "high", "medium", "low", "negligible", "unknown"])
        #expect(vulnerabilities.values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +) == 1, "\(line)")
        // Numbers are JSON numbers, not strings: checked on the line's text, where the two differ.
        for key in ["secrets", "malware", "misconfigurations", "suppressed", "parse_ms", "total_ms"] {
            #expect(line.range(of: "\"\(key)\":[0-9]", options: .regularExpression) != nil, "\(key) in \(line)")
        }
        for key in ["critical", "high", "medium", "low", "negligible", "unknown"] {
            #expect(line.range(of: "\"\(key)\":[0-9]", options: .regularExpression) != nil, "\(key) in \(line)")
        }
        #expect(line.contains("\"secrets\":0") && line.contains("\"malware\":0"), "\(line)")
    }

    @Test func daemonFromASettingsFileLogsTypedLines() async throws {
        let harness = try SpoolHarness()
        let config = "\(harness.root)/spoolscan.yaml"
        try """
            spool: \(harness.spool)
            log_format: json
            workers: 1
            scanner_command: "\(harness.root)/fake-scanner.sh {artifact} {output} \(harness.logs)"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o644)
        let process = try harness.start(["watch", "--config", config], log: "daemon")
        try await harness.waitUntil("daemon ready", timeout: 20) {
            FileManager.default.fileExists(atPath: "\(harness.spool)/.state/slots.json")
        }
        try harness.drop("a.tar", "artifact a\n")
        try await harness.waitUntil("report", timeout: 20) {
            FileManager.default.fileExists(atPath: "\(harness.spool)/done/a.tar.report.json")
        }
        // The finished line is written just after the report is in place.
        try await harness.waitUntil("finished line", timeout: 5) {
            harness.read("\(harness.logs)/daemon.stderr").contains("\"msg\":\"finished\"")
        }
        #expect(try await harness.stop(process) == 0)
        let lines = harness.lines("daemon.stderr")
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count, "every line is a JSON object: \(lines)")
        let line = try #require(lines.first { $0.contains("\"msg\":\"finished\"") })
        let finished = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(finished["verdict"] as? String == "pass", "\(line)")
        #expect(finished["job"] as? String == "a.tar" && finished["to"] as? String == "done")
        for key in ["secrets", "malware", "misconfigurations", "suppressed", "parse_ms", "total_ms"] {
            #expect(line.range(of: "\"\(key)\":[0-9]", options: .regularExpression) != nil, "\(key) in \(line)")
        }
        // Every other line keeps its numbers as numbers too (no quoted digits anywhere).
        let numeric = ["workers", "slot", "waited_ms", "attempt", "scan_ms", "requeued", "completed", "grace_s", "signal"]
        for object in objects {
            for key in numeric where object[key] != nil {
                #expect(object[key] is NSNumber && !(object[key] is String), "\(key) in \(object)")
            }
        }
        let claimed = try #require(objects.first { $0["msg"] as? String == "claimed" })
        #expect(claimed["slot"] is NSNumber && claimed["waited_ms"] is NSNumber, "\(claimed)")
        let started = try #require(objects.first { $0["msg"] as? String == "daemon started" })
        #expect(started["workers"] as? Int == 1, "\(started)")
        #expect(line.contains("\"vulnerabilities\":{\"critical\":0,\"high\":0,\"low\":0,\"medium\":0,\"negligible\":0,\"unknown\":0}"),
                "\(line)")
    }
}
