import Advisories
import ArgumentParser
import Foundation
import Logging
import Policy
import ReportFormats
import ScanReport
import Settings
import Spool
import SpoolscanCore

/// The settings of one `watch` or `sweep` run, resolved from its flags, the `SPOOLSCAN_*`
/// variables, the settings file and the defaults, and what the spool is built from.
struct SpoolSettings {
    let resolved: ResolvedSettings

    /// Resolves the flags of the option groups against the other sources (`CONF-*` on a bad value).
    init(_ options: SpoolOptions, matching: MatchingOptions, policy: PolicyOptions, actions: ActionOptions,
         queue: QueueOptions? = nil, retentionDays: Double? = nil) throws(SpoolscanError) {
        var flags = options.givenSettings
        flags[.queue] = queue?.queue.map(SettingValue.text)
        flags[.leaseSeconds] = queue?.leaseSeconds.map(SettingValue.number)
        flags[.hostName] = queue?.hostName.map(SettingValue.text)
        flags[.database] = matching.path.map(SettingValue.text)
        flags[.maxDbAgeDays] = matching.age.given.map(SettingValue.integer)
        flags[.policy] = policy.policyPath.map(SettingValue.text)
        flags[.vex] = policy.vexPaths.isEmpty ? nil : .list(policy.vexPaths)
        flags[.notifyCommand] = actions.notifyCommand.map(SettingValue.text)
        flags[.notifyTimeoutSeconds] = actions.notifyTimeoutSeconds.map(SettingValue.number)
        flags[.metricsFile] = actions.metricsFile.map(SettingValue.text)
        flags[.retentionDays] = retentionDays.map(SettingValue.number)
        resolved = try SettingsResolver(flags: flags, configPath: options.config).resolve()
    }

    var layout: SpoolLayout { SpoolLayout(root: resolved.spool) }

    /// The worker's configuration (the finished-job actions are added by the caller).
    var configuration: SpoolConfiguration {
        var configuration = SpoolConfiguration(
            workers: resolved.workers, timeoutSeconds: resolved.timeoutSeconds, memoryLimitMB: resolved.memoryLimitMB,
            settleMs: resolved.settleMs, rescanSeconds: resolved.rescanSeconds, graceSeconds: resolved.graceSeconds,
            scanner: ScannerCommand(override: resolved.scannerCommand), retryBackoffSeconds: resolved.retryBackoffSeconds)
        configuration.quarantine = resolved.quarantine
        configuration.scanner.scanArguments = LayerCacheOptions.scannerArguments(path: resolved.cachePath, maxMegabytes: resolved.cacheMaxMB)
        configuration.sidecars = resolved.formats.compactMap(ReportFormat.init(rawValue:)).map { format in
            ReportSidecar(suffix: format.fileSuffix, render: { try format.render($0) })
        }
        return configuration
    }

    /// The parsing stage's database and age limit.
    var parsing: ParsingStage {
        ParsingStage(databasePath: AdvisoryDatabase.pathForScan(given: resolved.databasePath),
                     maxDbAgeDays: resolved.maxDbAgeDays)
    }

    /// Loads the policy (`policy`, else the spool's `policy.yaml`, else built-in) and VEX documents.
    func loadPolicy() throws -> (policy: LoadedPolicy, vex: [VEXDocument]) {
        try PolicyOptions.load(policyPath: resolved.policyPath, vexPaths: resolved.vexPaths, spoolPolicy: layout.policyFile)
    }

    /// The notification hook and metrics writer, as ``ActionOptions/make(layout:role:logger:)`` builds them.
    func makeActions(role: String, logger: Logger) throws -> (actions: FinishedJobActions?, writer: MetricsFileWriter?) {
        try ActionOptions.make(notifyCommand: resolved.notifyCommand, notifyTimeoutSeconds: resolved.notifyTimeoutSeconds,
                               metricsFile: resolved.metricsFile, layout: layout, role: role, logger: logger)
    }

    /// Everything a worker is built from, made in the order that touches nothing before every
    /// setting is known good: settings (`CONF-*`), logger, database (`DB-*`), policy (`POL-*`,
    /// exit 3), hook and metrics. Prints the error line and throws the exit status on failure.
    struct Worker {
        let settings: SpoolSettings
        let logger: Logger
        let parsing: ParsingStage
        let rules: (policy: LoadedPolicy, vex: [VEXDocument])
        let config: SpoolConfiguration
        let writer: MetricsFileWriter?

        var hook: ReportHook { parsing.hook(logger: logger, policy: rules) }
    }

    static func worker(_ options: SpoolOptions, matching: MatchingOptions, policy: PolicyOptions, actions: ActionOptions,
                       queue: QueueOptions? = nil, retentionDays: Double? = nil, role: String) throws -> Worker {
        let settings: SpoolSettings
        do {
            settings = try SpoolSettings(options, matching: matching, policy: policy, actions: actions, queue: queue,
                                         retentionDays: retentionDays)
        } catch {
            throw ErrorLine.fail(error)
        }
        let logger = settings.makeLogger()
        let parsing = settings.parsing
        do { try parsing.checkDatabase() } catch { throw ErrorLine.fail(error) }
        let rules = try settings.loadPolicy()
        var config = settings.configuration
        let writer: MetricsFileWriter?
        do {
            (config.actions, writer) = try settings.makeActions(role: role, logger: logger)
        } catch { throw ErrorLine.fail(error) }
        settings.logSources(logger)
        return Worker(settings: settings, logger: logger, parsing: parsing, rules: rules, config: config, writer: writer)
    }

    /// When the settings file or a `SPOOLSCAN_*` variable set anything: one `settings` line naming
    /// the file and where each setting that is not at its default came from (never the values:
    /// a hook command or queue URL may hold a token).
    func logSources(_ logger: Logger) {
        let outside = resolved.sources.filter { if case .flag = $0.value { return false } else { return true } }
        guard !outside.isEmpty else { return }
        logger.info("settings", metadata: [
            "file": .string(resolved.settingsFile ?? "none"),
            "from": .dictionary(resolved.sources.mapValues { .string($0.description) }),
        ])
    }

    /// Sets up swift-log (stderr, text or JSON lines) and returns the spool's logger.
    func makeLogger() -> Logger {
        let level = Logger.Level(rawValue: resolved.logLevel) ?? .info
        let json = resolved.logFormat == "json"
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        return Logger(label: "spoolscan")
    }
}
