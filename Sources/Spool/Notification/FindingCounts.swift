import ScanReport

/// The kinds of finding a report holds.
public enum FindingKind: String, Sendable, CaseIterable {
    case vulnerability, secret, malware, misconfiguration
}

/// The findings of one report counted by kind and severity, over all its images.
///
/// Suppressed findings (a policy ignore or a VEX statement) are counted only in ``suppressed``:
/// they no longer count against the image. Malware findings carry no severity; they are counted
/// by kind only (severity `nil`).
public struct FindingCounts: Sendable, Equatable {
    /// One cell of the table: a kind and a severity (nil for malware).
    public struct Key: Hashable, Sendable {
        public var kind: FindingKind
        public var severity: Severity?
        public init(kind: FindingKind, severity: Severity?) { self.kind = kind; self.severity = severity }
    }

    /// Active (not suppressed) findings per kind and severity; cells without findings are absent.
    public private(set) var table: [Key: Int] = [:]
    /// Findings a policy ignore or VEX statement suppressed.
    public private(set) var suppressed = 0

    public init() {}

    /// Counts the findings of every image of `report`.
    public init(_ report: Report) {
        for image in report.artifact.images {
            for finding in image.vulnerabilities { add(.vulnerability, finding.severity, finding.suppression) }
            for finding in image.secrets { add(.secret, finding.severity, finding.suppression) }
            for finding in image.malware { add(.malware, nil, finding.suppression) }
            for finding in image.misconfigurations { add(.misconfiguration, finding.severity, finding.suppression) }
        }
    }

    private mutating func add(_ kind: FindingKind, _ severity: Severity?, _ suppression: Suppression?) {
        if suppression != nil { suppressed += 1; return }
        table[Key(kind: kind, severity: severity), default: 0] += 1
    }

    /// Active findings of one kind.
    public func count(_ kind: FindingKind) -> Int {
        table.filter { $0.key.kind == kind }.values.reduce(0, +)
    }

    /// Active findings of one severity, over the kinds that have one.
    public func count(_ severity: Severity) -> Int {
        table.filter { $0.key.severity == severity }.values.reduce(0, +)
    }

    /// All active findings.
    public var total: Int { table.values.reduce(0, +) }
}
