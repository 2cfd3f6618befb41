/// The four kinds of finding a report holds (the `--type` values of `report show`).
public enum FindingKind: String, Sendable, CaseIterable, Codable {
    case vuln, secret, malware, misconfig

    /// Plural heading (`vulnerabilities`).
    public var heading: String {
        switch self {
        case .vuln: return "vulnerabilities"
        case .secret: return "secrets"
        case .malware: return "malware"
        case .misconfig: return "misconfigurations"
        }
    }
}

/// Any finding, seen the same way for sorting, filtering, counting and diffing.
///
/// Malware findings have no severity of their own; they count as `CRITICAL`.
public struct FindingRow: Sendable, Equatable {
    public var kind: FindingKind
    /// ``FindingID`` of the finding.
    public var findingID: String
    public var severity: Severity
    /// Advisory id, secret rule, malware rule or check id.
    public var id: String
    /// What is affected: `package version` for a vulnerability, the title otherwise.
    public var subject: String
    /// Where in the image it was found (a file path, `path:line`, or a config field).
    public var location: String
    /// Vulnerabilities: the status (`fixed`, `affected`, …) and the fixing version.
    public var status: String?
    public var fixedVersion: String?
    /// Secrets: the rule's confidence (nil in older reports, counted as high).
    public var confidence: Confidence?
    public var suppression: Suppression?
    /// The image (1-based) the finding belongs to.
    public var image: Int

    /// Every finding of `image`, vulnerabilities first, in the report's order.
    public static func rows(of image: ImageReport, number: Int = 1) -> [FindingRow] {
        var paths: [String: String] = [:]
        for package in image.packages where paths[package.purl] == nil { paths[package.purl] = package.paths.first }
        var rows: [FindingRow] = []
        for v in image.vulnerabilities {
            rows.append(FindingRow(kind: .vuln, findingID: FindingID.of(v), severity: v.severity, id: v.id,
                                   subject: "\(v.packageName) \(v.installedVersion)",
                                   location: v.path ?? paths[v.purl] ?? "", status: v.status,
                                   fixedVersion: v.fixedVersion, suppression: v.suppression, image: number))
        }
        for s in image.secrets {
            rows.append(FindingRow(kind: .secret, findingID: FindingID.of(s), severity: s.severity, id: s.ruleID,
                                   subject: s.title, location: s.line > 0 ? "\(s.path):\(s.line)" : s.path,
                                   confidence: s.confidence, suppression: s.suppression, image: number))
        }
        for m in image.malware {
            rows.append(FindingRow(kind: .malware, findingID: FindingID.of(m), severity: .critical, id: m.rule,
                                   subject: m.tags.isEmpty ? m.namespace : m.tags.joined(separator: ","),
                                   location: m.path, suppression: m.suppression, image: number))
        }
        for m in image.misconfigurations {
            rows.append(FindingRow(kind: .misconfig, findingID: FindingID.of(m), severity: m.severity, id: m.id,
                                   subject: m.title, location: m.evidence.first ?? "", suppression: m.suppression,
                                   image: number))
        }
        return rows
    }

    /// Every finding of every image of `report`.
    public static func rows(of report: Report) -> [FindingRow] {
        report.artifact.images.enumerated().flatMap { rows(of: $1, number: $0 + 1) }
    }

    /// Highest severity first; then vulnerabilities, malware, secrets, misconfigurations; then id.
    public static func byImportance(_ a: FindingRow, _ b: FindingRow) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        let order: [FindingKind] = [.malware, .vuln, .secret, .misconfig]
        let ka = order.firstIndex(of: a.kind)!, kb = order.firstIndex(of: b.kind)!
        if ka != kb { return ka < kb }
        return a.findingID < b.findingID
    }

    /// `ignored: REASON (until DATE)` or `VEX not_affected: JUSTIFICATION`; nil when not suppressed.
    public var suppressionNote: String? {
        guard let s = suppression else { return nil }
        switch s.kind {
        case .ignore:
            return "ignored: \(s.reason)" + (s.expires.map { " (until \($0))" } ?? "")
        case .vex:
            let detail = s.justification ?? s.reason
            return "VEX \(s.status ?? "statement")" + (detail.isEmpty ? "" : ": \(detail)")
        }
    }
}
