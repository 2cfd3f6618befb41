import ImageReader
import ScanReport
import SpoolscanCore

/// The secret, malware and misconfiguration detectors of one scan.
///
/// Build one per artifact scan; rules are compiled once per process and shared. Pass
/// ``visitors`` to the image reader, then call ``findings(for:)`` for each image read.
/// Not thread-safe: the reader drives the visitors from one thread.
public final class DetectorSuite {
    public let options: DetectorOptions
    /// The config file's contents (empty when none was given).
    public let config: DetectorConfig
    private let secretDetector: SecretDetector?

    /// Loads the config file and the rules. Throws `CONF-001` (`configInvalid`) for a bad config
    /// file and `CONF-002` (`rulesInvalid`) for rules that do not compile.
    public init(options: DetectorOptions = DetectorOptions()) throws(SpoolscanError) {
        let config = try options.configFile.map { path throws(SpoolscanError) in try DetectorConfig.load(path: path) }
            ?? DetectorConfig()
        self.config = config
        var effective = options
        effective.secrets = options.secrets && (config.secrets?.enabled ?? true)
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
        return result
    }

    /// The findings for one image of the artifact just read.
    public func findings(for image: ReadImage) -> DetectorFindings {
        var result = DetectorFindings()
        if let secretDetector { result.secrets = secretDetector.findings(for: image) }
        return result
    }
}
