import Foundation

/// Validates JSON values against the subset of JSON Schema (2020-12) that
/// `schemas/report.schema.json` uses: type, properties, required, additionalProperties,
/// items, enum, pattern, minimum, minLength and local `$ref`s into `$defs`.
public struct JSONSchemaValidator {
    let root: [String: Any]

    public init(schemaData: Data) throws {
        root = try JSONSerialization.jsonObject(with: schemaData) as! [String: Any]
    }

    /// Every violation, as `path: problem`. Empty when the value conforms.
    public func validate(_ value: Any) -> [String] {
        var errors: [String] = []
        check(value, against: root, at: "$", errors: &errors)
        return errors
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String else { return schema }
        let name = String(ref.dropFirst("#/$defs/".count))
        let defs = root["$defs"] as! [String: Any]
        return resolve(defs[name] as! [String: Any])
    }

    private func check(_ value: Any, against rawSchema: [String: Any], at path: String, errors: inout [String]) {
        let schema = resolve(rawSchema)
        if let type = schema["type"] as? String, !matches(value, type: type) {
            errors.append("\(path): expected \(type), got \(Swift.type(of: value))")
            return
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { ($0 as? NSObject)?.isEqual(value) == true }) {
            errors.append("\(path): \(value) not in enum")
        }
        if let pattern = schema["pattern"] as? String, let text = value as? String,
           text.range(of: pattern, options: .regularExpression) == nil {
            errors.append("\(path): \"\(text)\" does not match \(pattern)")
        }
        if let minimum = schema["minimum"] as? Double, let number = value as? Double, number < minimum {
            errors.append("\(path): \(number) < \(minimum)")
        }
        if let minLength = schema["minLength"] as? Int, let text = value as? String, text.count < minLength {
            errors.append("\(path): shorter than \(minLength)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                errors.append("\(path): missing required \(key)")
            }
            for (key, child) in object {
                if let sub = properties[key] as? [String: Any] {
                    check(child, against: sub, at: "\(path).\(key)", errors: &errors)
                } else if let extra = schema["additionalProperties"] {
                    if let allowed = extra as? Bool, !allowed { errors.append("\(path): unexpected property \(key)") }
                    if let sub = extra as? [String: Any] { check(child, against: sub, at: "\(path).\(key)", errors: &errors) }
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, element) in array.enumerated() { check(element, against: items, at: "\(path)[\(index)]", errors: &errors) }
        }
    }

    private func matches(_ value: Any, type: String) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "boolean": return (value as? NSNumber).map(isBool) ?? false
        case "integer": return (value as? NSNumber).map { !isBool($0) && $0.doubleValue == $0.doubleValue.rounded() } ?? false
        case "number": return (value as? NSNumber).map { !isBool($0) } ?? false
        default: return true
        }
    }

    /// JSONSerialization gives booleans as NSNumbers whose Objective-C type is `c`.
    private func isBool(_ number: NSNumber) -> Bool { String(cString: number.objCType) == "c" }
}

extension JSONSchemaValidator {
    /// The validator for `schemas/report.schema.json` of this package.
    public static func reportSchema() throws -> JSONSchemaValidator {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try JSONSchemaValidator(schemaData: Data(contentsOf: root.appendingPathComponent("schemas/report.schema.json")))
    }
}
