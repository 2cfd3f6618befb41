import ScanReport

/// Fail on secrets at or above a severity and at or above a confidence. A finding without a
/// recorded confidence (reports written before confidence existed) counts as `high`.
public struct SecretThreshold: Decodable, Sendable, Equatable {
    public var severity: Severity
    /// Default `low`: every confidence counts.
    public var confidence: Confidence

    public init(severity: Severity, confidence: Confidence = .low) {
        self.severity = severity; self.confidence = confidence
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case severity, confidence }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        severity = try container.decodeSeverityIfPresent(forKey: .severity) ?? .unknown
        confidence = try container.decodeConfidenceIfPresent(forKey: .confidence) ?? .low
    }

    /// Whether `secret` meets the threshold.
    public func matches(_ secret: SecretFinding) -> Bool {
        secret.severity >= severity && (secret.confidence ?? .high) >= confidence
    }

    var summary: String { "secrets at or above \(severity.rawValue) with \(confidence.rawValue) confidence or more" }
}
