/// Every operator setting of `watch` and `sweep` after flags, environment, settings file and
/// defaults were merged (``SettingsResolver``). Optional fields are off or unset by default.
public struct ResolvedSettings: Sendable, Equatable {
    public var spool = "./spool"
    /// nil: one per core.
    public var workers: Int?
    public var timeoutSeconds = 600.0
    public var memoryLimitMB = 2048
    public var settleMs = 2000
    public var rescanSeconds = 60.0
    public var graceSeconds = 30.0
    public var retryBackoffSeconds = 5.0
    public var scannerCommand: String?
    public var quarantine = false
    /// Other report formats written beside each report (`cyclonedx`, `spdx`, `sarif`).
    public var formats: [String] = []
    public var policyPath: String?
    public var vexPaths: [String] = []
    /// The advisory database named by a setting; nil leaves the default path (when it exists).
    public var databasePath: String?
    public var maxDbAgeDays = 7
    public var notifyCommand: String?
    public var notifyTimeoutSeconds = 30.0
    public var metricsFile: String?
    public var retentionDays: Double?
    public var logFormat = "text"
    public var logLevel = "info"
    /// The layer cache file named by a setting (`off`: no cache); nil leaves the default.
    public var cachePath: String?
    /// nil: the cache's default bound.
    public var cacheMaxMB: Int?
    /// The PostgreSQL URL of a shared job queue (`queue`), carried for the queue's consumer.
    public var queueURL: String?
    /// With a queue: how long a claim stays this host's without a heartbeat.
    public var leaseSeconds = 30.0
    /// With a queue: this host's name in it (nil: the machine's host name).
    public var hostName: String?

    /// The settings file that was read, if any.
    public var settingsFile: String?
    /// Where each setting that is not at its default came from, by key.
    public var sources: [String: SettingSource] = [:]

    public init() {}

    /// Where `setting`'s value came from.
    public func source(of setting: Setting) -> SettingSource { sources[setting.key] ?? .builtIn }

    /// Puts a checked value in its field.
    mutating func assign(_ value: SettingValue, to setting: Setting) {
        switch (setting, value) {
        case (.spool, .text(let text)): spool = text
        case (.workers, .integer(let number)): workers = number
        case (.timeoutSeconds, _): timeoutSeconds = Self.number(value)
        case (.memoryLimitMB, .integer(let number)): memoryLimitMB = number
        case (.settleMs, .integer(let number)): settleMs = number
        case (.rescanSeconds, _): rescanSeconds = Self.number(value)
        case (.graceSeconds, _): graceSeconds = Self.number(value)
        case (.retryBackoffSeconds, _): retryBackoffSeconds = Self.number(value)
        case (.scannerCommand, .text(let text)): scannerCommand = text
        case (.quarantine, .boolean(let flag)): quarantine = flag
        case (.formats, .list(let items)): formats = items
        case (.policy, .text(let text)): policyPath = text
        case (.vex, .list(let items)): vexPaths = items
        case (.database, .text(let text)): databasePath = text
        case (.maxDbAgeDays, .integer(let number)): maxDbAgeDays = number
        case (.notifyCommand, .text(let text)): notifyCommand = text
        case (.notifyTimeoutSeconds, _): notifyTimeoutSeconds = Self.number(value)
        case (.metricsFile, .text(let text)): metricsFile = text
        case (.retentionDays, _): retentionDays = Self.number(value)
        case (.logFormat, .text(let text)): logFormat = text
        case (.logLevel, .text(let text)): logLevel = text
        case (.cache, .text(let text)): cachePath = text
        case (.cacheMaxMB, .integer(let number)): cacheMaxMB = number
        case (.queue, .text(let text)): queueURL = text
        case (.leaseSeconds, _): leaseSeconds = Self.number(value)
        case (.hostName, .text(let text)): hostName = text
        default: preconditionFailure("setting \(setting.key) checked as \(setting.kind.typeName) holds \(value)")
        }
    }

    private static func number(_ value: SettingValue) -> Double {
        switch value {
        case .number(let number): return number
        case .integer(let number): return Double(number)
        default: preconditionFailure("not a number: \(value)")
        }
    }
}
