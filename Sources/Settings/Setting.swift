import Foundation
import SpoolscanCore

/// One operator setting of `watch` and `sweep`: its key in the settings file, its flag, its
/// environment variable, its type and its default.
public struct Setting: Sendable, Hashable {
    /// The key in the settings file (`timeout_seconds`).
    public let key: String
    /// The command-line flag, without dashes (`timeout-seconds`); nil when no flag of its own.
    public let flag: String?
    /// The type and the values allowed.
    public let kind: SettingKind
    /// The default as documented (`600`, `number of cores`, `none`).
    public let defaultText: String
    /// What the setting does, one line.
    public let summary: String

    /// The environment variable (`SPOOLSCAN_TIMEOUT_SECONDS`): the key in capitals.
    public var variable: String { "SPOOLSCAN_" + key.uppercased() }

    init(_ key: String, flag: String? = nil, _ kind: SettingKind, default defaultText: String, _ summary: String) {
        self.key = key
        self.flag = flag ?? key.replacingOccurrences(of: "_", with: "-")
        self.kind = kind
        self.defaultText = defaultText
        self.summary = summary
    }

    init(_ key: String, noFlag: Void, _ kind: SettingKind, default defaultText: String, _ summary: String) {
        self.key = key
        self.flag = nil
        self.kind = kind
        self.defaultText = defaultText
        self.summary = summary
    }

    /// Checks a value given for this setting (type and range); `place` names its source in errors.
    public func check(_ value: SettingValue, where place: String) throws(SpoolscanError) -> SettingValue {
        try kind.check(value, where: place)
    }

    public static func == (lhs: Setting, rhs: Setting) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}
