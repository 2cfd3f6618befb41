/// Why a finding does not count against the policy. The finding stays in the report, marked.
public struct Suppression: Codable, Sendable, Equatable {
    /// `ignore` (a policy ignore entry) or `vex` (an OpenVEX statement).
    public enum Kind: String, Codable, Sendable { case ignore, vex }

    public var kind: Kind
    /// The reason given by the ignore entry, or the VEX statement's impact statement.
    public var reason: String
    /// For VEX: the statement's status (`not_affected`, `fixed`) and justification.
    public var status: String?
    public var justification: String?
    /// Where it came from: the policy file path, or the VEX document's `@id`/path.
    public var source: String?
    /// For ignores with an expiry: the date (YYYY-MM-DD) it stops applying.
    public var expires: String?

    public init(kind: Kind, reason: String, status: String? = nil, justification: String? = nil,
                source: String? = nil, expires: String? = nil) {
        self.kind = kind; self.reason = reason; self.status = status; self.justification = justification
        self.source = source; self.expires = expires
    }
}

/// How sure a detector is that a finding is real: `high` for formats with a checksum or a
/// unique prefix, lower for generic rules and for places such as test folders.
public enum Confidence: String, Codable, Sendable, CaseIterable, Comparable {
    case low, medium, high

    private var rank: Int { Confidence.allCases.firstIndex(of: self)! }
    public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
}
