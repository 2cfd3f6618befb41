import ScanReport

/// A coding key for any name, used to list and reject keys a policy does not define.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
}

extension Decoder {
    /// Throws when the mapping being decoded has a key outside `known`: a misspelt rule
    /// (`severty:`) must fail loudly, never switch the rule off silently.
    func rejectUnknownKeys(_ known: [String]) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys where !known.contains(key.stringValue) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown key '\(key.stringValue)' (expected one of: \(known.joined(separator: ", ")))")
        }
    }
}

extension KeyedDecodingContainer {
    /// A severity written in any case (`high`, `HIGH`); nil when the key is absent.
    func decodeSeverityIfPresent(forKey key: Key) throws -> Severity? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let severity = Severity(rawValue: text.uppercased()) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "'\(text)' is not a severity (\(Severity.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return severity
    }

    /// A confidence written in any case (`medium`); nil when the key is absent.
    func decodeConfidenceIfPresent(forKey key: Key) throws -> Confidence? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let confidence = Confidence(rawValue: text.lowercased()) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "'\(text)' is not a confidence (low, medium, high)")
        }
        return confidence
    }

    /// A whole number; nil when the key is absent. YAML 1.1 base-60 forms (`190:20:30`) are
    /// refused before Yams converts them: its conversion traps on overflow.
    func decodeIntegerIfPresent(forKey key: Key) throws -> Int? {
        if let text = try? decodeIfPresent(String.self, forKey: key), text.contains(":") {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "'\(text)' is not a whole number")
        }
        return try decodeIfPresent(Int.self, forKey: key)
    }
}
