/// What changed between two reports of the same artifact (typically before and after a nightly
/// rematch): findings that appeared, findings that went away, and findings whose severity,
/// status, fixed version or suppression changed. Findings are paired by ``FindingID`` over all
/// images of each report (the first finding of an id counts).
public struct ReportDiff: Codable, Sendable, Equatable {
    /// One finding as the diff lists it.
    public struct Entry: Codable, Sendable, Equatable {
        public var findingId: String
        public var type: FindingKind
        public var id: String
        public var severity: Severity
        public var subject: String
        public var location: String
        public var fixedVersion: String?
        /// Set when the finding is suppressed (ignored or VEX'd) in its report.
        public var suppression: String?

        init(_ row: FindingRow) {
            findingId = row.findingID; type = row.kind; id = row.id; severity = row.severity
            subject = row.subject; location = row.location; fixedVersion = row.fixedVersion
            suppression = row.suppressionNote
        }
    }

    /// One field of a finding that differs; nil stands for "absent".
    public struct FieldChange: Codable, Sendable, Equatable {
        public var field: String
        public var old: String?
        public var new: String?
    }

    /// A finding present in both reports whose fields differ.
    public struct Change: Codable, Sendable, Equatable {
        public var finding: Entry
        public var changes: [FieldChange]
    }

    /// Which report was compared with which.
    public struct ReportRef: Codable, Sendable, Equatable {
        public var path: String
        public var createdAt: String
        public var matchedAt: String?
    }

    public var old: ReportRef
    public var new: ReportRef
    /// Findings only in the new report.
    public var added: [Entry]
    /// Findings only in the old report.
    public var fixed: [Entry]
    public var changed: [Change]
    /// Findings in both, unchanged.
    public var unchanged: Int

    /// JSON: `oldReport`, `newReport`, `new`, `fixed`, `changed`, `unchanged`.
    enum CodingKeys: String, CodingKey {
        case old = "oldReport", new = "newReport", added = "new", fixed, changed, unchanged
    }

    /// Whether an unsuppressed finding appeared: the `report diff` exit status is 1 then.
    public var hasNew: Bool { added.contains { $0.suppression == nil } }

    /// Compares `old` with `new` (paths as the user gave them, for the output).
    public init(old: Report, new: Report, oldPath: String, newPath: String) {
        self.old = ReportRef(path: oldPath, createdAt: old.createdAt, matchedAt: old.database?.matchedAt)
        self.new = ReportRef(path: newPath, createdAt: new.createdAt, matchedAt: new.database?.matchedAt)
        let before = Self.index(FindingRow.rows(of: old)), after = Self.index(FindingRow.rows(of: new))
        added = after.order.filter { before.rows[$0] == nil }.map { Entry(after.rows[$0]!) }
            .sorted { ($0.severity, $1.findingId) > ($1.severity, $0.findingId) }
        fixed = before.order.filter { after.rows[$0] == nil }.map { Entry(before.rows[$0]!) }
            .sorted { ($0.severity, $1.findingId) > ($1.severity, $0.findingId) }
        changed = []
        unchanged = 0
        for id in after.order {
            guard let a = before.rows[id], let b = after.rows[id] else { continue }
            let changes = Self.fieldChanges(a, b)
            if changes.isEmpty { unchanged += 1 } else { changed.append(Change(finding: Entry(b), changes: changes)) }
        }
    }

    static func index(_ rows: [FindingRow]) -> (rows: [String: FindingRow], order: [String]) {
        var map: [String: FindingRow] = [:]
        var order: [String] = []
        for row in rows where map[row.findingID] == nil {
            map[row.findingID] = row
            order.append(row.findingID)
        }
        return (map, order)
    }

    static func fieldChanges(_ a: FindingRow, _ b: FindingRow) -> [FieldChange] {
        var changes: [FieldChange] = []
        func compare(_ field: String, _ old: String?, _ new: String?) {
            if old != new { changes.append(FieldChange(field: field, old: old, new: new)) }
        }
        compare("severity", a.severity.rawValue, b.severity.rawValue)
        compare("status", a.status, b.status)
        compare("fixedVersion", a.fixedVersion, b.fixedVersion)
        compare("suppression", a.suppressionNote, b.suppressionNote)
        return changes
    }
}
