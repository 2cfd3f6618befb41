/// What a ``DetectorSuite`` runs and with which inputs. Values from the JSON config file
/// (``configFile``) are merged on top when the suite is built (see `docs/detectors.md`).
public struct DetectorOptions: Sendable, Equatable {
    /// Run the secret detector.
    public var secrets: Bool
    /// Run the YARA / deny-list malware detector.
    public var malware: Bool
    /// Run the image configuration and filesystem checks.
    public var misconfigurations: Bool
    /// A JSON detector config file: extra and disabled rules, allowed paths, limits.
    public var configFile: String?
    /// Folders of user YARA rules (`*.yar`, `*.yara`), compiled with the built-in ones.
    public var yaraRuleFolders: [String]
    /// A file of SHA-256 digests to report as malware (one hex digest per line, `#` comments).
    public var denyListFile: String?
    /// Files larger than this are not buffered for YARA (a warning names them). Default 32 MiB.
    public var maxMalwareFileBytes: Int
    /// Compile the YARA rules shipped with spoolscan.
    public var builtinYaraRules: Bool

    /// Everything on, no config file, built-in rules only, 32 MiB YARA limit.
    public init(secrets: Bool = true, malware: Bool = true, misconfigurations: Bool = true, configFile: String? = nil,
                yaraRuleFolders: [String] = [], denyListFile: String? = nil, maxMalwareFileBytes: Int = 32 << 20,
                builtinYaraRules: Bool = true) {
        self.secrets = secrets; self.malware = malware; self.misconfigurations = misconfigurations
        self.configFile = configFile; self.yaraRuleFolders = yaraRuleFolders; self.denyListFile = denyListFile
        self.maxMalwareFileBytes = maxMalwareFileBytes; self.builtinYaraRules = builtinYaraRules
    }
}
