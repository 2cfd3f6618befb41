import Foundation

/// Small helpers over `JSONSerialization` results (package.json, installed.json, `.dep-v0`).
enum JSONValue {
    /// Decodes a JSON document, or nil when it is not valid JSON.
    static func parse(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    /// A string value, or nil for other types.
    static func string(_ value: Any?) -> String? {
        guard let text = value as? String, !text.isEmpty else { return nil }
        return text
    }

    /// Licences in the shapes package managers use: `"MIT"`, `{"type": "MIT"}`,
    /// `["MIT", "Apache-2.0"]` and `[{"type": "MIT"}]`.
    static func licenses(_ value: Any?) -> [String] {
        if let text = string(value) { return [text] }
        if let object = value as? [String: Any], let type = string(object["type"]) { return [type] }
        if let array = value as? [Any] { return array.flatMap { licenses($0) } }
        return []
    }
}
