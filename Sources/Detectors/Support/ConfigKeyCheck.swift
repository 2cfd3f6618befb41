import Foundation
import SpoolscanCore

/// Rejects unknown keys in the detector config file and describes decoding errors briefly.
enum ConfigKeyCheck {
    static let sections: [String: Set<String>] = [
        "": ["secrets", "malware", "misconfigurations"],
        "secrets": ["enabled", "rules", "disabledRules", "allowPaths", "defaultSkipPaths"],
        "malware": ["enabled", "ruleFolders", "denyList", "maxFileBytes", "builtinRules", "scanAllFiles", "smallFileBytes",
                    "scanExtensions"],
        "misconfigurations": ["enabled", "disabledChecks"],
        "rule": ["id", "category", "severity", "title", "keywords", "regex", "multiline", "minEntropy", "rejectPlaceholders"],
    ]

    static func rejectUnknownKeys(_ data: Data) throws {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw SpoolscanError(.configInvalid, "the top level must be a JSON object")
        }
        try check(root, section: "", at: "")
        for name in ["secrets", "malware", "misconfigurations"] {
            guard let value = root[name] else { continue }
            guard let object = value as? [String: Any] else {
                throw SpoolscanError(.configInvalid, "\(name) must be an object")
            }
            try check(object, section: name, at: name + ".")
        }
        if let secrets = root["secrets"] as? [String: Any], let rules = secrets["rules"] as? [Any] {
            for (index, rule) in rules.enumerated() {
                guard let object = rule as? [String: Any] else {
                    throw SpoolscanError(.configInvalid, "secrets.rules[\(index)] must be an object")
                }
                try check(object, section: "rule", at: "secrets.rules[\(index)].")
            }
        }
    }

    private static func check(_ object: [String: Any], section: String, at prefix: String) throws {
        let allowed = sections[section] ?? []
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw SpoolscanError(.configInvalid, "unknown key \(prefix)\(unknown)")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing key \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context),
             DecodingError.dataCorrupted(let context):
            return "invalid value at \(path(context.codingPath)): \(context.debugDescription)"
        default:
            return "not valid JSON"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(in: ["."])
    }
}
