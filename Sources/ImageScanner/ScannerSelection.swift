import Detectors
import Foundation
import SpoolscanCore

/// Which parts of a scan run, parsed from a `--scanners` list such as `packages,secrets`.
///
/// Names: `packages` (the inventory, which vulnerability matching and licences come from),
/// `secrets`, `malware`, `misconfig`. trivy's scanner words are accepted as aliases: `vuln` and
/// `license` select `packages`, `secret` selects `secrets`, `config` selects `misconfig`.
public struct ScannerSelection: Sendable, Equatable {
    public var packages = false
    public var secrets = false
    public var malware = false
    public var misconfig = false

    /// The canonical names, in the order they are listed.
    public static let names = ["packages", "secrets", "malware", "misconfig"]
    /// Alternative words and the name each stands for.
    public static let aliases = ["vuln": "packages", "license": "packages", "secret": "secrets", "config": "misconfig"]

    /// A list that names no part, or an unknown one (with the nearest known word when there is one).
    public struct UnknownName: Error, CustomStringConvertible {
        public let description: String
    }

    /// Everything on.
    public static let all = ScannerSelection(packages: true, secrets: true, malware: true, misconfig: true)

    public init(packages: Bool, secrets: Bool, malware: Bool, misconfig: Bool) {
        self.packages = packages; self.secrets = secrets; self.malware = malware; self.misconfig = misconfig
    }

    /// Parses a comma-separated list of names and aliases (case-insensitive, blanks ignored).
    public init(parsing list: String) throws(UnknownName) {
        let words = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        let accepted = (Self.names + Self.aliases.keys.sorted()).joined(separator: ", ")
        guard !words.isEmpty else { throw UnknownName(description: "--scanners takes a comma-separated list of: \(accepted)") }
        for word in words {
            switch Self.aliases[word] ?? word {
            case "packages": packages = true
            case "secrets": secrets = true
            case "malware": malware = true
            case "misconfig": misconfig = true
            default:
                let hint = NameSuggestion.closest(to: word, among: Self.names + Self.aliases.keys.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
                throw UnknownName(description: "--scanners: unknown scanner '\(word)'\(hint); accepted: \(accepted)")
            }
        }
    }

    /// The detector options for this selection, or nil when no detector runs.
    public func detectorOptions(configFile: String?) -> DetectorOptions? {
        guard secrets || malware || misconfig else { return nil }
        return DetectorOptions(secrets: secrets, malware: malware, misconfigurations: misconfig, configFile: configFile)
    }
}
