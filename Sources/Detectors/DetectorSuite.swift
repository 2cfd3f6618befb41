import ImageReader
import ScanReport
import SpoolscanCore

/// The secret, malware and misconfiguration detectors of one scan.
///
/// Build one per artifact scan; rules are compiled once per process and shared. Pass
/// ``visitors`` to the image reader, then call ``findings(for:)`` for each image read.
/// Not thread-safe: the reader drives the visitors from one thread.
public final class DetectorSuite {
    /// The effective options (the config file's settings merged in).
    public let options: DetectorOptions
    /// The config file's contents (empty when none was given).
    public let config: DetectorConfig
    private let secretDetector: SecretDetector?
    private let malwareDetector: MalwareDetector?
    private let misconfigDetector: MisconfigDetector?

    /// Loads the config file and the rules. Throws `CONF-001` (`configInvalid`) for a bad config
    /// file and `CONF-002` (`rulesInvalid`) for rules that do not compile.
    public init(options: DetectorOptions = DetectorOptions()) throws(SpoolscanError) {
        let config = try options.configFile.map { path throws(SpoolscanError) in try DetectorConfig.load(path: path) }
            ?? DetectorConfig()
        self.config = config
        var effective = options
        effective.secrets = options.secrets && (config.secrets?.enabled ?? true)
        effective.malware = options.malware && (config.malware?.enabled ?? true)
        effective.misconfigurations = options.misconfigurations && (config.misconfigurations?.enabled ?? true)
        if let malware = config.malware {
            effective.yaraRuleFolders += malware.ruleFolders ?? []
            effective.denyListFile = effective.denyListFile ?? malware.denyList
            effective.maxMalwareFileBytes = malware.maxFileBytes ?? effective.maxMalwareFileBytes
            effective.builtinYaraRules = effective.builtinYaraRules && (malware.builtinRules ?? true)
        }
        self.options = effective

        if effective.secrets {
            let section = config.secrets ?? DetectorConfig.Secrets()
            let rules = try DetectorSuite.secretRules(section)
            let filter = try SecretPathFilter(useDefaults: section.defaultSkipPaths ?? true,
                                              allowPaths: section.allowPaths ?? [])
            secretDetector = SecretDetector(ruleSet: try SecretRuleSet.shared(rules), filter: filter)
        } else {
            secretDetector = nil
        }

        if effective.malware {
            let denyList = try effective.denyListFile.map { path throws(SpoolscanError) in try DenyList.load(path: path) }
                ?? DenyList()
            let hasYara = effective.builtinYaraRules || !effective.yaraRuleFolders.isEmpty
            let rules = hasYara
                ? try YaraRuleSet.shared(builtin: effective.builtinYaraRules, folders: effective.yaraRuleFolders) : nil
            let section = config.malware ?? DetectorConfig.Malware()
            let selection = YaraFileSelection(
                scanAll: section.scanAllFiles ?? false,
                smallFileBytes: section.smallFileBytes ?? YaraFileSelection.defaultSmallFileBytes,
                extraExtensions: section.scanExtensions ?? [])
            malwareDetector = try MalwareDetector(rules: rules, denyList: denyList,
                                              maxFileBytes: max(0, effective.maxMalwareFileBytes), selection: selection)
        } else {
            malwareDetector = nil
        }

        misconfigDetector = effective.misconfigurations
            ? try MisconfigDetector(disabled: Set(config.misconfigurations?.disabledChecks ?? [])) : nil
    }

    /// The effective secret rules: built-ins plus the config's extra rules, minus disabled ids.
    static func secretRules(_ section: DetectorConfig.Secrets) throws(SpoolscanError) -> [SecretRule] {
        let disabled = Set(section.disabledRules ?? [])
        let all = BuiltinSecretRules.all + (section.rules ?? [])
        let known = Set(all.map(\.id))
        if let unknown = disabled.sorted().first(where: { !known.contains($0) }) {
            throw SpoolscanError(.configInvalid, "secrets.disabledRules: no rule \(unknown)")
        }
        return all.filter { !disabled.contains($0.id) }
    }

    /// The visitors to hand to the image reader, one per enabled detector.
    public var visitors: [LayerVisitor] {
        var result: [LayerVisitor] = []
        if let secretDetector { result.append(secretDetector) }
        if let malwareDetector { result.append(malwareDetector) }
        if let misconfigDetector { result.append(misconfigDetector) }
        return result
    }

    /// The findings for one image of the artifact just read.
    public func findings(for image: ReadImage) -> DetectorFindings {
        var result = DetectorFindings()
        if let secretDetector { result.secrets = secretDetector.findings(for: image) }
        if let malwareDetector {
            let found = malwareDetector.findings(for: image)
            result.malware = found.malware
            result.warnings += found.warnings
        }
        if let misconfigDetector { result.misconfigurations = misconfigDetector.findings(for: image) }
        return result
    }
}
