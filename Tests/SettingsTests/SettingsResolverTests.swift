import Foundation
import Settings
import SpoolscanCore
import Testing

/// Precedence and sources: flag > environment > settings file > default.
@Suite struct SettingsResolverTests {
    private func file(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "settings-\(UUID().uuidString).yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        return path
    }

    private let noDefault = "/nonexistent/spoolscan.yaml"

    @Test func flagBeatsEnvironmentBeatsFileBeatsDefault() throws {
        let path = try file("workers: 3\ntimeout_seconds: 120\nsettle_ms: 500\nquarantine: true\n")
        let resolver = SettingsResolver(
            flags: [.workers: .integer(5)], configPath: path,
            environment: ["SPOOLSCAN_WORKERS": "4", "SPOOLSCAN_TIMEOUT_SECONDS": "90.5"], defaultConfigPath: noDefault)
        let settings = try resolver.resolve()
        #expect(settings.workers == 5)
        #expect(settings.source(of: .workers) == .flag("workers"))
        #expect(settings.timeoutSeconds == 90.5)
        #expect(settings.source(of: .timeoutSeconds) == .environment("SPOOLSCAN_TIMEOUT_SECONDS"))
        #expect(settings.settleMs == 500)
        #expect(settings.source(of: .settleMs) == .file(path: path, line: 3))
        #expect(settings.quarantine)
        #expect(settings.memoryLimitMB == 2048)
        #expect(settings.source(of: .memoryLimitMB) == .builtIn)
        #expect(settings.settingsFile == path)
    }

    @Test func emptyVariableCountsAsUnset() throws {
        let path = try file("log_level: debug\n")
        let settings = try SettingsResolver(configPath: path, environment: ["SPOOLSCAN_LOG_LEVEL": ""],
                                            defaultConfigPath: noDefault).resolve()
        #expect(settings.logLevel == "debug")
    }

    @Test func defaultFileIsReadWhenPresentAndMayBeAbsent() throws {
        let path = try file("rescan_seconds: 15\n")
        #expect(try SettingsResolver(environment: [:], defaultConfigPath: path).resolve().rescanSeconds == 15)
        let absent = try SettingsResolver(environment: [:], defaultConfigPath: noDefault).resolve()
        #expect(absent == ResolvedSettings())
        #expect(absent.settingsFile == nil)
    }

    @Test func configVariableNamesTheFile() throws {
        let path = try file("metrics_file: /tmp/m.prom\n")
        let settings = try SettingsResolver(environment: ["SPOOLSCAN_CONFIG": path], defaultConfigPath: noDefault).resolve()
        #expect(settings.metricsFile == "/tmp/m.prom")
    }

    @Test func missingNamedFileIsCONF003ButMissingDefaultIsNot() {
        #expect(throws: SpoolscanError.self) { try SettingsResolver(configPath: "/nonexistent/x.yaml", environment: [:]).resolve() }
        do {
            _ = try SettingsResolver(configPath: "/nonexistent/x.yaml", environment: [:]).resolve()
        } catch {
            #expect(error.code == .namedFileMissing)
            #expect(error.detail.contains("/nonexistent/x.yaml"))
        }
        do {
            _ = try SettingsResolver(environment: ["SPOOLSCAN_CONFIG": "/nonexistent/y.yaml"]).resolve()
            Issue.record("a missing file named by SPOOLSCAN_CONFIG was accepted")
        } catch {
            #expect(error.code == .namedFileMissing)
        }
    }

    @Test func everySourceIsCheckedAndNamed() {
        func environment(_ name: String, _ value: String) -> SettingsResolver {
            SettingsResolver(environment: [name: value], defaultConfigPath: noDefault)
        }
        let cases: [(SettingsResolver, ErrorCode, String)] = [
            (SettingsResolver(flags: [.workers: .integer(0)], environment: [:], defaultConfigPath: noDefault),
             .settingOutOfRange, "--workers"),
            (environment("SPOOLSCAN_WORKERS", "four"), .settingWrongType, "SPOOLSCAN_WORKERS"),
            (environment("SPOOLSCAN_TIMEOUT_SECONDS", "0"), .settingOutOfRange, "SPOOLSCAN_TIMEOUT_SECONDS"),
            (environment("SPOOLSCAN_QUARANTINE", "maybe"), .settingWrongType, "SPOOLSCAN_QUARANTINE"),
            (environment("SPOOLSCAN_LOG_FORMAT", "xml"), .settingOutOfRange, "SPOOLSCAN_LOG_FORMAT"),
            (environment("SPOOLSCAN_FORMATS", "cyclonedx,pdf"), .settingOutOfRange, "'pdf'"),
            (environment("SPOOLSCAN_QUEUE", "mysql://x/y"), .settingOutOfRange, "SPOOLSCAN_QUEUE"),
            (SettingsResolver(flags: [.retentionDays: .number(-1)], environment: [:], defaultConfigPath: noDefault),
             .settingOutOfRange, "--retention-days"),
        ]
        for (resolver, code, named) in cases {
            do {
                let settings = try resolver.resolve()
                Issue.record("accepted, resolved to \(settings)")
            } catch {
                #expect(error.code == code, "\(error)")
                #expect(error.detail.contains(named), "\(error)")
            }
        }
    }

    @Test func environmentValuesOfEveryType() throws {
        let settings = try SettingsResolver(environment: [
            "SPOOLSCAN_QUARANTINE": "true", "SPOOLSCAN_FORMATS": "sarif, spdx", "SPOOLSCAN_VEX": "/a.json,/b.json",
            "SPOOLSCAN_QUEUE": "postgresql://spool@db/spool", "SPOOLSCAN_DB": "/srv/a.db", "SPOOLSCAN_RETENTION_DAYS": "30",
            "SPOOLSCAN_LOG_FORMAT": " json ",
        ], defaultConfigPath: noDefault).resolve()
        #expect(settings.quarantine)
        #expect(settings.formats == ["sarif", "spdx"])
        #expect(settings.vexPaths == ["/a.json", "/b.json"])
        #expect(settings.queueURL == "postgresql://spool@db/spool")
        #expect(settings.databasePath == "/srv/a.db")
        #expect(settings.retentionDays == 30)
        #expect(settings.logFormat == "json")
    }

    @Test func everySettingHasItsVariable() {
        let variables = Set(Setting.all.map(\.variable))
        #expect(variables.count == Setting.all.count)
        #expect(variables.contains("SPOOLSCAN_DB"))
        #expect(variables.contains("SPOOLSCAN_SCANNER_COMMAND"))
        #expect(variables.contains("SPOOLSCAN_QUEUE"))
    }
}
