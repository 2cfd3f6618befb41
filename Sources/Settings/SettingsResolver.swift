import Foundation
import SpoolscanCore

/// Merges the sources of the operator settings: a flag given on the command line wins over a
/// `SPOOLSCAN_*` environment variable, which wins over the settings file, which wins over the
/// default. Every value from every source is checked the same way (type and range), and an
/// error names where the value came from.
public struct SettingsResolver: Sendable {
    /// The variable naming a settings file when `--config` does not.
    public static let configVariable = "SPOOLSCAN_CONFIG"

    /// Values of the flags the user gave (absent flags are not in it).
    public var flags: [Setting: SettingValue]
    /// `--config FILE`, if given.
    public var configPath: String?
    /// The process environment (empty variables count as unset).
    public var environment: [String: String]
    /// The settings file read when neither `--config` nor `SPOOLSCAN_CONFIG` names one, if it exists.
    public var defaultConfigPath: String

    public init(flags: [Setting: SettingValue] = [:], configPath: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                defaultConfigPath: String = SettingsFile.defaultPath) {
        self.flags = flags
        self.configPath = configPath
        self.environment = environment
        self.defaultConfigPath = defaultConfigPath
    }

    /// The settings file to read: `--config`, else `$SPOOLSCAN_CONFIG` (both must exist:
    /// `CONF-003`), else the default path when a file is there, else none.
    public func settingsFilePath() -> (path: String, named: Bool)? {
        if let configPath { return (configPath, true) }
        if let variable = environment[Self.configVariable], !variable.isEmpty { return (variable, true) }
        return FileManager.default.fileExists(atPath: defaultConfigPath) ? (defaultConfigPath, false) : nil
    }

    /// Resolves every setting; throws the first `CONF-*` error met.
    public func resolve() throws(SpoolscanError) -> ResolvedSettings {
        var settings = ResolvedSettings()
        var file: SettingsFile?
        if let (path, _) = settingsFilePath() {
            file = try SettingsFile.load(path: path)
            settings.settingsFile = path
        }
        for setting in Setting.all {
            if let value = flags[setting] {
                let name = setting.flag ?? setting.key
                settings.assign(try setting.kind.check(value, where: "--\(name)"), to: setting)
                settings.sources[setting.key] = .flag(name)
            } else if let text = environment[setting.variable], !text.isEmpty {
                settings.assign(try setting.kind.parse(text: text, where: setting.variable), to: setting)
                settings.sources[setting.key] = .environment(setting.variable)
            } else if let file, let entry = file.entries[setting.key] {
                settings.assign(entry.value, to: setting)
                settings.sources[setting.key] = .file(path: file.path, line: entry.line)
            }
        }
        return settings
    }
}
