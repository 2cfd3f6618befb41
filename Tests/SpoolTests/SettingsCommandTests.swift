import Foundation
import Testing
import TestSupport

/// `sweep` reading its settings from a flag, a variable and the settings file at once, in the
/// order flag > environment > file > default.
@Suite struct SettingsCommandTests {
    @Test func flagBeatsEnvironmentBeatsFile() async throws {
        let harness = try SpoolHarness()
        let metrics = (file: "\(harness.root)/file.prom", env: "\(harness.root)/env.prom", flag: "\(harness.root)/flag.prom")
        let config = "\(harness.root)/spoolscan.yaml"
        // From the file only: the spool and the formats. The file and the variable both name a
        // log format and a metrics file; the variable and the flag both name a metrics file.
        try """
            spool: \(harness.spool)
            formats: [sarif]
            log_format: text
            metrics_file: \(metrics.file)
            scanner_command: "\(harness.root)/fake-scanner.sh {artifact} {output} \(harness.logs)"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o644)
        try harness.drop("a.tar", "artifact a\n")
        let process = try harness.start(["sweep", "--config", config, "--metrics-file", metrics.flag, "--workers", "1"], log: "sweep",
                                        environment: ["SPOOLSCAN_LOG_FORMAT": "json", "SPOOLSCAN_METRICS_FILE": metrics.env])
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        let stderr = harness.read("\(harness.logs)/sweep.stderr")
        #expect(process.terminationStatus == 0, "\(stderr)")
        // file: spool and formats
        #expect(harness.artifacts("done") == ["a.tar", "a.tar.sarif"])
        #expect(FileManager.default.fileExists(atPath: "\(harness.spool)/done/a.tar.sarif"))
        // environment over file: JSON log lines
        let lines = stderr.split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] }, "\(stderr)")
        // The `settings` line says where each came from.
        let settingsLine = try #require(lines.first { $0.contains("\"msg\":\"settings\"") }, "\(stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(settingsLine.utf8)) as? [String: Any])
        #expect(object["file"] as? String == config)
        let from = try #require(object["from"] as? [String: String], "\(settingsLine)")
        #expect(from["spool"] == "\(config):1" && from["formats"] == "\(config):2")
        #expect(from["log_format"] == "SPOOLSCAN_LOG_FORMAT")
        #expect(from["metrics_file"] == "--metrics-file" && from["workers"] == "--workers")
        #expect(from["timeout_seconds"] == nil)
        // flag over environment over file: the metrics file
        #expect(FileManager.default.fileExists(atPath: metrics.flag))
        #expect(!FileManager.default.fileExists(atPath: metrics.env))
        #expect(!FileManager.default.fileExists(atPath: metrics.file))
    }

    @Test func badSettingsStopTheSweepBeforeAnyJob() async throws {
        let harness = try SpoolHarness()
        let config = "\(harness.root)/spoolscan.yaml"
        try "spool: \(harness.spool)\nworkers: four\n".write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o644)
        try harness.drop("a.tar", "artifact a\n")
        let (status, _) = try await harness.run(["sweep", "--config", config] + harness.scannerFlag, log: "type")
        #expect(status == 1)
        #expect(harness.read("\(harness.logs)/type.stderr") == "CONF-006: setting has the wrong type: \(config):2: workers: expected a whole number, found 'four' (text)\n")
        #expect(harness.artifacts("pending") == ["a.tar"])

        let (envStatus, _) = try await harness.run(["sweep", "--spool", harness.spool, "--config", "/dev/null"] + harness.scannerFlag,
                                                   log: "env")
        #expect(envStatus == 0)
        try harness.drop("b.tar", "artifact b\n")
        let process = try harness.start(["sweep", "--spool", harness.spool, "--config", "/dev/null"] + harness.scannerFlag, log: "range",
                                        environment: ["SPOOLSCAN_RETRY_BACKOFF_SECONDS": "-1"])
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        #expect(process.terminationStatus == 1)
        #expect(harness.read("\(harness.logs)/range.stderr").hasPrefix("CONF-007: setting out of range: SPOOLSCAN_RETRY_BACKOFF_SECONDS: "))
        #expect(harness.artifacts("pending") == ["b.tar"])
    }

    @Test func shippedExampleIsAcceptedByTheBinary() throws {
        // status reads `spool` from the settings file; the example names /var/spool/spoolscan.
        let example = "\(SpoolHarness.packageRoot)/systemd/spoolscan.yaml"
        try TemporaryDirectory.with { dir in
            for folder in ["tmp", "pending", "in-progress", "parsing", "done", "error", "quarantine"] {
                try FileManager.default.createDirectory(atPath: dir.path(folder), withIntermediateDirectories: true)
            }
            let (status, output, errors) = try CodedErrorLineTests.run(["status", "--config", example, "--spool", dir.path])
            #expect(status == 0, "\(errors)")
            #expect(output.hasPrefix("Spool \(dir.path)"), "\(output)")
        }
    }
}
