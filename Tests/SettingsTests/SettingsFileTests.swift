import Foundation
import Settings
import SpoolscanCore
import Testing

/// The settings file: keys, types, ranges, and errors that name the key and the line.
@Suite struct SettingsFileTests {
    private func refusal(_ text: String) -> SpoolscanError? {
        do {
            _ = try SettingsFile.parse(text, path: "s.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryType() throws {
        let file = try SettingsFile.parse("""
            # comment
            workers: 4
            timeout_seconds: 90
            grace_seconds: 2.5
            quarantine: true
            formats: [cyclonedx, sarif]
            vex:
              - /etc/a.json
              - /etc/b.json
            log_format: json
            policy: null
            queue: "postgres://u@h/db"
            """, path: "s.yaml")
        #expect(file.entries["workers"] == .init(value: .integer(4), line: 2))
        #expect(file.entries["timeout_seconds"]?.value == .number(90))
        #expect(file.entries["grace_seconds"]?.value == .number(2.5))
        #expect(file.entries["quarantine"]?.value == .boolean(true))
        #expect(file.entries["formats"]?.value == .list(["cyclonedx", "sarif"]))
        #expect(file.entries["vex"]?.value == .list(["/etc/a.json", "/etc/b.json"]))
        #expect(file.entries["log_format"]?.value == .text("json"))
        #expect(file.entries["policy"] == nil)
        #expect(file.entries["queue"]?.value == .text("postgres://u@h/db"))
    }

    @Test func unknownKeyNamesKeyLineAndNearestName() throws {
        let error = try #require(refusal("spool: /s\n\nwokers: 5\n"))
        #expect(error.code == .settingUnknown)
        #expect(error.detail.hasPrefix("s.yaml:3: 'wokers'"), "\(error)")
        #expect(error.detail.contains("did you mean 'workers'?"), "\(error)")
    }

    @Test func wrongTypesNameKeyAndLine() throws {
        let cases = [
            ("workers: four\n", "s.yaml:1: workers"),
            ("workers: \"4\"\n", "s.yaml:1: workers: expected a whole number, found '4' (text)"),
            ("settle_ms: 1.5\n", "s.yaml:1: settle_ms"),
            ("log_level: debug\nquarantine: yes-please\n", "s.yaml:2: quarantine"),
            ("spool: [a, b]\n", "s.yaml:1: spool"),
            ("workers:\n  count: 2\n", "s.yaml:1: workers"),
            ("timeout_seconds: true\n", "s.yaml:1: timeout_seconds"),
        ]
        try expectRefusals(cases, .settingWrongType)
    }

    @Test func outOfRangeValuesNameKeyAndLine() throws {
        let cases = [
            ("workers: 0\n", "s.yaml:1: workers"),
            ("\ntimeout_seconds: -3\n", "s.yaml:2: timeout_seconds"),
            ("memory_limit_mb: 1\n", "s.yaml:1: memory_limit_mb"),
            ("log_format: xml\n", "s.yaml:1: log_format"),
            ("formats: [sarif, sarif]\n", "s.yaml:1: formats"),
            ("formats: [pdf]\n", "s.yaml:1: formats"),
            ("queue: http://example\n", "s.yaml:1: queue"),
            ("spool: \"\"\n", "s.yaml:1: spool"),
        ]
        try expectRefusals(cases, .settingOutOfRange)
    }

    /// Each text is refused with `code`, the message starting with the file, line and key given.
    private func expectRefusals(_ cases: [(text: String, named: String)], _ code: ErrorCode,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        for (text, named) in cases {
            let error = try #require(refusal(text), "accepted: \(text)", sourceLocation: sourceLocation)
            #expect(error.code == code, "\(text): \(error)", sourceLocation: sourceLocation)
            #expect(error.detail.hasPrefix(named), "\(text): \(error)", sourceLocation: sourceLocation)
        }
    }

    @Test func fileThatIsNoMappingOfSettingsIsCONF004() throws {
        for text in ["- workers: 2\n", "workers: [1\n", "workers: 2\nworkers: 3\n", String(repeating: "[", count: 5000)] {
            let error = try #require(refusal(text), "accepted: \(text.prefix(40))")
            #expect(error.code == .settingsFileInvalid, "\(error)")
        }
        let empty = try SettingsFile.parse("# nothing set\n", path: "s.yaml")
        #expect(empty.entries.isEmpty)
    }

    @Test func unreadableFilesAreCoded() throws {
        do {
            _ = try SettingsFile.load(path: "/nonexistent/s.yaml")
            Issue.record("missing file accepted")
        } catch { #expect(error.code == .namedFileMissing) }
        do {
            _ = try SettingsFile.load(path: NSTemporaryDirectory())
            Issue.record("folder accepted")
        } catch { #expect(error.code == .settingsFileInvalid) }
        let open = NSTemporaryDirectory() + "settings-\(UUID().uuidString).yaml"
        try Data("workers: 2\n".utf8).write(to: URL(fileURLWithPath: open))
        chmod(open, 0o666)
        do {
            _ = try SettingsFile.load(path: open)
            Issue.record("a world-writable file accepted")
        } catch {
            #expect(error.code == .settingsFileInvalid)
            #expect(error.detail.contains("writable by every user"))
        }
        chmod(open, 0o644)
        #expect(try SettingsFile.load(path: open).entries["workers"]?.value == .integer(2))
        let binary = NSTemporaryDirectory() + "settings-\(UUID().uuidString).yaml"
        try Data([0xFF, 0xFE, 0x00, 0x80]).write(to: URL(fileURLWithPath: binary))
        do {
            _ = try SettingsFile.load(path: binary)
            Issue.record("binary file accepted")
        } catch { #expect(error.code == .settingsFileInvalid) }
    }
}
