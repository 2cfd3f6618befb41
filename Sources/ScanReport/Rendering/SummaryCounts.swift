/// Counts of findings by kind and severity (suppressed findings counted apart), and what a
/// report's vulnerability count can claim given the database's coverage.
public struct SummaryCounts: Sendable, Equatable {
    /// Unsuppressed findings per kind and severity.
    public private(set) var counts: [FindingKind: [Severity: Int]] = [:]
    /// Suppressed findings per kind (they stay in the report, marked, and do not count).
    public private(set) var suppressed: [FindingKind: Int] = [:]

    public init(_ rows: [FindingRow]) {
        for row in rows {
            if row.suppression != nil { suppressed[row.kind, default: 0] += 1 } else { counts[row.kind, default: [:]][row.severity, default: 0] += 1 }
        }
    }

    public func count(_ kind: FindingKind, _ severity: Severity) -> Int { counts[kind]?[severity] ?? 0 }
    public func total(_ kind: FindingKind) -> Int { counts[kind]?.values.reduce(0, +) ?? 0 }
    public var totalSuppressed: Int { suppressed.values.reduce(0, +) }
}

/// What can be said about vulnerabilities: whether they were matched at all and which
/// packages nothing was checked against. A count of 0 is only claimed for checked packages.
public struct VulnerabilityCoverage: Sendable, Equatable {
    /// Packages of one type and release or ecosystem the database holds no advisories for.
    public struct Unchecked: Sendable, Equatable {
        public var packages: Int
        public var packageType: PackageType
        /// `Debian 12`, `PyPI`, `fedora 40`.
        public var scope: String
    }

    /// False when vulnerabilities were not matched (no database).
    public var matched: Bool
    /// Packages in groups the database holds advisories for (nil for reports without coverage).
    public var checkedPackages: Int?
    /// Unchecked groups, summed over images.
    public var unchecked: [Unchecked]

    public init(_ report: Report) {
        let groups = report.artifact.images.compactMap(\.coverage)
        matched = report.database != nil || !groups.isEmpty
        checkedPackages = groups.isEmpty ? nil : groups.reduce(0) { $0 + $1.checkedPackages }
        unchecked = []
        for group in groups.joined() where !group.checked {
            if let i = unchecked.firstIndex(where: { $0.packageType == group.packageType && $0.scope == group.scope }) {
                unchecked[i].packages += group.packages
            } else {
                unchecked.append(Unchecked(packages: group.packages, packageType: group.packageType, scope: group.scope))
            }
        }
    }

    /// Whether a count of vulnerabilities means something: matched, and at least one package checked.
    public var countIsMeaningful: Bool { matched && (checkedPackages ?? 1) > 0 }

    /// `88 deb packages not checked (no advisories for Debian 12)`, or the reason nothing was checked.
    public var note: String? {
        guard matched else { return "not checked: no advisory database" }
        guard !unchecked.isEmpty else { return nil }
        let parts = unchecked.map { "\($0.packages) \($0.packageType.rawValue) packages not checked (no advisories for \($0.scope))" }
        return parts.joined(separator: "; ")
    }
}
