import Foundation
import Logging
import ScanReport
@testable import Spool
import SpoolscanCore
import TestSupport
import Testing

@Suite struct MetricsFileTests {
    /// A spool with 1 pending job (plus a `.part` upload), 1 done, 1 error and 1 quarantined job,
    /// and a live worker with one of its two slots busy.
    static func spool(_ dir: TemporaryDirectory) throws -> SpoolLayout {
        let layout = SpoolLayout(root: dir.path("spool"))
        try FileManager.default.createDirectory(atPath: layout.root, withIntermediateDirectories: true)
        try layout.prepare()
        ActionsFixtures.touch("\(layout.pending)/a.tar", "x")
        ActionsFixtures.touch("\(layout.pending)/b.tar.part", "x")
        try ActionsFixtures.finishJob(spool: layout.root, folder: "done", name: "c.tar", report: ActionsFixtures.report(name: "c.tar"))
        ActionsFixtures.touch("\(layout.done)/c.tar.cdx.json", "{}")
        try ActionsFixtures.failJob(spool: layout.root, name: "d.tar", record: ActionsFixtures.errorRecord(name: "d.tar"))
        try ActionsFixtures.finishJob(spool: layout.root, folder: "quarantine", name: "e.tar", report: ActionsFixtures.report(name: "e.tar"))
        ActionsFixtures.touch("\(layout.root)/quarantine/e.tar.sarif", "{}")
        let slots = SlotsFile(owner: .current, role: "daemon", updatedAt: "2026-11-27T00:00:00.000Z", slots: [
            SlotStatus(index: 0, job: "a.tar", attempt: 1, startedAt: nil, startedAtNs: 1, scannerPid: 1),
            SlotStatus(index: 1),
        ])
        try JSONEncoder().encode(slots).write(to: URL(fileURLWithPath: "\(layout.state)/slots.json"))
        return layout
    }

    @Test func writesTheFileAtomicallyWithTheSpoolsGauges() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let layout = try Self.spool(dir)
        let path = dir.path("spoolscan.prom")
        let writer = MetricsFileWriter(path: path, metrics: MetricsTextTests.metrics(), layout: layout, logger: Logger(label: "test"))
        try writer.writeNow()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in ["spoolscan_jobs{state=\"pending\"} 1", "spoolscan_jobs{state=\"done\"} 1",
                     "spoolscan_jobs{state=\"error\"} 1", "spoolscan_jobs{state=\"quarantine\"} 1",
                     "spoolscan_jobs{state=\"in-progress\"} 0",
                     "spoolscan_scanner_slots{state=\"busy\"} 1", "spoolscan_scanner_slots{state=\"free\"} 1",
                     "spoolscan_jobs_finished_total{result=\"error\",code=\"SCAN-003\"} 1"] {
            #expect(text.contains(line + "\n"), "missing: \(line)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == ["spool", "spoolscan.prom"],
                "no temporary file is left beside the metrics file")
    }

    @Test func aFolderThatCannotBeWrittenGivesHNDL021() throws {
        let writer = MetricsFileWriter(path: "/nonexistent-folder/spoolscan.prom", metrics: SpoolMetrics(), layout: nil,
                                       logger: Logger(label: "test"))
        #expect { try writer.writeNow() } throws: { ($0 as? SpoolscanError)?.code == .metricsFileNotWritten }
    }

    @Test func theLoopRewritesTheFileAfterAChangeAndOnStop() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("spoolscan.prom")
        let metrics = SpoolMetrics()
        let writer = MetricsFileWriter(path: path, metrics: metrics, layout: nil, minInterval: .milliseconds(20),
                                       cadence: .seconds(60), logger: Logger(label: "test"))
        writer.start()
        metrics.recordFinished(JobNotice(error: ActionsFixtures.errorRecord(name: "x", code: "HNDL-004"), spool: "/s",
                                         artifactPath: "", reportPath: ""))
        let line = "spoolscan_jobs_finished_total{result=\"error\",code=\"HNDL-004\"} 1\n"
        var seen = false
        for _ in 0..<250 where !seen {
            seen = (try? String(contentsOfFile: path, encoding: .utf8))?.contains(line) ?? false
            if !seen { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(seen, "the change never reached the file")
        metrics.recordHook(HookOutcome(job: "x", result: .failed, detail: "", stderrLastLine: "", durationMs: 1))
        await writer.stop()
        #expect(try String(contentsOfFile: path, encoding: .utf8)
            .contains("spoolscan_notification_hook_runs_total{result=\"failed\"} 1\n"))
    }
}

/// The metrics file read by the reference parser, `prometheus_client` from PyPI.
@Suite struct MetricsPrometheusParserTests {
    /// A folder where `prometheus_client` is importable, installed with pip on first use; nil when
    /// python3 or PyPI is not reachable.
    static let pythonPath: String? = {
        let target = NSTemporaryDirectory() + "/spoolscan-test-prometheus-client"
        if FileManager.default.fileExists(atPath: target + "/prometheus_client/parser.py") { return target }
        let result = run("/usr/bin/env", ["python3", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                                          "--target", target, "prometheus_client"], pythonPath: nil)
        return result.status == 0 && FileManager.default.fileExists(atPath: target + "/prometheus_client/parser.py") ? target : nil
    }()

    static func run(_ executable: String, _ arguments: [String], pythonPath: String?) -> (status: Int32, output: Data, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        if let pythonPath { environment["PYTHONPATH"] = pythonPath }
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        guard (try? process.run()) != nil else { return (-1, Data(), "cannot start \(executable)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, data, message)
    }

    struct Family: Decodable {
        struct Sample: Decodable {
            var name: String
            var labels: [String: String]
            var value: Value
        }
        enum Value: Decodable, Equatable {
            case number(Double), text(String)
            init(from decoder: Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let number = try? container.decode(Double.self) { self = .number(number) } else {
                    self = .text(try container.decode(String.self))
                }
            }
            var number: Double? { if case .number(let value) = self { value } else { nil } }
        }
        var name: String
        var type: String
        var documentation: String
        var samples: [Sample]
    }

    @Test(.enabled(if: pythonPath != nil, "python3 with pip could not install prometheus_client (PyPI unreachable?)"))
    func prometheusClientParsesTheFile() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let layout = try MetricsFileTests.spool(dir)
        let path = dir.path("spoolscan.prom")
        let metrics = MetricsTextTests.metrics()
        metrics.recordHook(HookOutcome(job: "a", result: .failed, detail: "", stderrLastLine: "", durationMs: 1))
        let hostileLabel = "spool \"main\" at C:\\x\nnext line"
        try MetricsFileWriter(path: path, metrics: metrics, layout: layout, constantLabels: [("spool", hostileLabel)],
                              logger: Logger(label: "test")).writeNow()

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/parse-metrics.py").path
        let result = Self.run("/usr/bin/env", ["python3", script, path], pythonPath: Self.pythonPath)
        #expect(result.status == 0, "prometheus_client rejected the file: \(result.error)")
        let families = try JSONDecoder().decode([Family].self, from: result.output)
        let byName = Dictionary(families.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

        #expect(byName["spoolscan_jobs"]?.type == "gauge")
        #expect(byName["spoolscan_jobs_finished"]?.type == "counter")
        #expect(byName["spoolscan_scan_duration_seconds"]?.type == "histogram")
        #expect(byName["spoolscan_findings"]?.type == "counter")
        #expect(byName["spoolscan_verdicts"]?.type == "counter")
        #expect(byName["spoolscan_database_age_seconds"]?.type == "gauge")
        #expect(byName["spoolscan_scanner_slots"]?.type == "gauge")
        for family in families {
            for sample in family.samples { #expect(sample.labels["spool"] == hostileLabel, "\(sample.name) lost its label") }
        }
        let jobs = byName["spoolscan_jobs"]?.samples ?? []
        #expect(jobs.first { $0.labels["state"] == "quarantine" }?.value.number == 1)
        let finished = byName["spoolscan_jobs_finished"]?.samples ?? []
        #expect(finished.first { $0.labels["code"] == "SCAN-003" }?.name == "spoolscan_jobs_finished_total")
        #expect(finished.first { $0.labels["code"] == "SCAN-003" }?.value.number == 1)
        let critical = byName["spoolscan_findings"]?.samples.first {
            $0.labels["kind"] == "vulnerability" && $0.labels["severity"] == "CRITICAL"
        }
        #expect(critical?.value.number == 1)

        let histogram = byName["spoolscan_scan_duration_seconds"]?.samples ?? []
        let buckets = histogram.filter { $0.name.hasSuffix("_bucket") }
        #expect(buckets.last?.labels["le"] == "+Inf")
        let counts = buckets.compactMap(\.value.number)
        #expect(counts == counts.sorted(), "buckets are cumulative")
        #expect(histogram.first { $0.name.hasSuffix("_count") }?.value.number == counts.last)
        #expect(histogram.first { $0.name.hasSuffix("_sum") }?.value.number == 2.5)
        let hook = byName["spoolscan_notification_hook_runs"]?.samples.first { $0.labels["result"] == "failed" }
        #expect(hook?.value.number == 1)
    }
}
