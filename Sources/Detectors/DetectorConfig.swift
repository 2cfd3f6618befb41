import Foundation
import SpoolscanCore

/// The detector config file (JSON). Every key is optional; see `docs/detectors.md`.
public struct DetectorConfig: Codable, Sendable, Equatable {
    /// Secret detector settings.
    public struct Secrets: Codable, Sendable, Equatable {
        /// Turn the detector off with `false` (default on).
        public var enabled: Bool?
        /// Extra rules (same fields as the built-in ones).
        public var rules: [SecretRule]?
        /// Ids of rules (built-in or extra) to turn off.
        public var disabledRules: [String]?
        /// Path regexes (PCRE2, matched against the path inside the layer, no leading `/`) never scanned.
        public var allowPaths: [String]?
        /// Use the built-in list of noisy paths (documentation, locales, compiled Python, fonts…).
        public var defaultSkipPaths: Bool?
        /// An empty section (all defaults).
        public init() {}
    }
    /// Malware detector settings.
    public struct Malware: Codable, Sendable, Equatable {
        /// Turn the detector off with `false` (default on).
        public var enabled: Bool?
        /// Folders of `*.yar` / `*.yara` files compiled with the built-in rules.
        public var ruleFolders: [String]?
        /// Path of a SHA-256 deny-list file.
        public var denyList: String?
        /// Largest file buffered for YARA (default 32 MiB).
        public var maxFileBytes: Int?
        /// Compile the built-in YARA rules (default true).
        public var builtinRules: Bool?
        /// Let YARA see every file up to `maxFileBytes`, not only the chosen kinds (default false).
        public var scanAllFiles: Bool?
        /// Files up to this size are always scanned by YARA (default 64 KiB).
        public var smallFileBytes: Int?
        /// File name extensions (without the dot) scanned whatever their size, besides the built-in list.
        public var scanExtensions: [String]?
        /// An empty section (all defaults).
        public init() {}
    }
    /// Misconfiguration checks settings.
    public struct Misconfigurations: Codable, Sendable, Equatable {
        /// Turn the detector off with `false` (default on).
        public var enabled: Bool?
        /// Check ids to turn off, e.g. `CIS-DI-0006`.
        public var disabledChecks: [String]?
        /// An empty section (all defaults).
        public init() {}
    }

    /// The `secrets` section.
    public var secrets: Secrets?
    /// The `malware` section.
    public var malware: Malware?
    /// The `misconfigurations` section.
    public var misconfigurations: Misconfigurations?

    /// An empty config (all defaults).
    public init() {}

    /// Reads and decodes a config file. Unknown keys are rejected so typos do not pass silently.
    public static func load(path: String) throws(SpoolscanError) -> DetectorConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpoolscanError(.configInvalid, "cannot read detector config \(path)")
        }
        return try parse(data, source: path)
    }

    /// Decodes config bytes, rejecting unknown keys; `source` prefixes every error message.
    public static func parse(_ data: Data, source: String) throws(SpoolscanError) -> DetectorConfig {
        do {
            try ConfigKeyCheck.rejectUnknownKeys(data)
            return try JSONDecoder().decode(DetectorConfig.self, from: data)
        } catch let error as SpoolscanError {
            throw SpoolscanError(error.code, "\(source): \(error.detail)")
        } catch {
            throw SpoolscanError(.configInvalid, "\(source): \(ConfigKeyCheck.describe(error))")
        }
    }
}
