/// Which findings a person wants to see (`report show` and `scan --format table`). This is a
/// display setting only: it never changes the report or the policy's verdict.
public struct FindingFilter: Sendable, Equatable {
    /// Only findings at or above this severity.
    public var minimumSeverity: Severity?
    /// Only these kinds; empty means all.
    public var kinds: Set<FindingKind>
    /// Only vulnerabilities that have a fixed version (other kinds are unaffected).
    public var onlyFixed: Bool
    /// Only secrets at or above this confidence (a secret without one counts as high).
    public var minimumConfidence: Confidence?

    public init(minimumSeverity: Severity? = nil, kinds: Set<FindingKind> = [], onlyFixed: Bool = false,
                minimumConfidence: Confidence? = nil) {
        self.minimumSeverity = minimumSeverity; self.kinds = kinds; self.onlyFixed = onlyFixed
        self.minimumConfidence = minimumConfidence
    }

    /// Whether `kind` is shown at all.
    public func shows(_ kind: FindingKind) -> Bool { kinds.isEmpty || kinds.contains(kind) }

    /// Whether `row` passes every setting.
    public func includes(_ row: FindingRow) -> Bool {
        guard shows(row.kind) else { return false }
        if let minimumSeverity, row.severity < minimumSeverity { return false }
        if onlyFixed && row.kind == .vuln && row.fixedVersion == nil { return false }
        if let minimumConfidence, row.kind == .secret, (row.confidence ?? .high) < minimumConfidence { return false }
        return true
    }

    /// Whether any setting narrows what is shown.
    public var isActive: Bool { minimumSeverity != nil || !kinds.isEmpty || onlyFixed || minimumConfidence != nil }

    /// `severity HIGH and above; types vuln, secret; only fixed; confidence medium and above`.
    public var description: String {
        var parts: [String] = []
        if let minimumSeverity { parts.append("severity \(minimumSeverity.rawValue) and above") }
        if !kinds.isEmpty {
            parts.append("types " + FindingKind.allCases.filter(kinds.contains).map(\.rawValue).joined(separator: ", "))
        }
        if onlyFixed { parts.append("only vulnerabilities with a fix") }
        if let minimumConfidence { parts.append("secrets of \(minimumConfidence.rawValue) confidence and above") }
        return parts.joined(separator: "; ")
    }
}
