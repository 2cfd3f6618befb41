import Foundation
import Settings
import Testing

/// The example settings file the project ships and README's settings table stay true.
@Suite struct ShippedSettingsTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func exampleFileLoadsAndMentionsEverySetting() throws {
        let path = Self.root.appendingPathComponent("systemd/spoolscan.yaml").path
        let file = try SettingsFile.load(path: path)
        #expect(file.entries["spool"]?.value == .text("/var/spool/spoolscan"))
        #expect(file.entries["workers"]?.value == .integer(2))
        #expect(file.entries["db"] == nil, "a database named in the shipped file would stop the daemon before the first update")
        let settings = try SettingsResolver(configPath: path, environment: [:]).resolve()
        #expect(settings.logFormat == "json")
        #expect(settings.formats == ["cyclonedx", "sarif"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for setting in Setting.all {
            #expect(text.range(of: "(?m)^#? ?\(setting.key):", options: .regularExpression) != nil,
                    "systemd/spoolscan.yaml does not mention \(setting.key)")
        }
    }

    @Test func readmeTableListsEverySetting() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        for setting in Setting.all {
            let flag = setting.flag.map { "`--\($0)`" } ?? "—"
            let row = "| `\(setting.key)` | \(flag) | `\(setting.variable)` | \(setting.defaultText) |"
            #expect(readme.contains(row), "README lacks the row \(row)")
        }
    }
}
