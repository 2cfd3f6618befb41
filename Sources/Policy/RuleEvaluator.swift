import Foundation
import ScanReport

/// Checks a report's findings that are not suppressed against a policy's rules and lists the
/// rules that fail, each with the ids (``ScanReport/FindingID``) of the findings that made it fail.
///
/// Rule names in the reasons: `vulnerabilities[N]` (the Nth vulnerability rule, from 0),
/// `malware`, `secrets`, `misconfigurations`, `licenses.deny`, `licenses.allow`.
public struct RuleEvaluator: Sendable {
    public let rules: PolicyRules
    public let now: Date

    public init(rules: PolicyRules, now: Date) { self.rules = rules; self.now = now }

    public func reasons(for report: Report) -> [Verdict.Reason] {
        let images = report.artifact.images
        var reasons: [Verdict.Reason] = []
        func add(_ rule: String, _ ids: [String], _ noun: String, _ description: String) {
            var seen = Set<String>()
            let unique = ids.filter { seen.insert($0).inserted }
            guard !unique.isEmpty else { return }
            let plural = noun.hasSuffix("y") ? noun.dropLast() + "ies" : noun + "s"
            let counted = unique.count == 1 ? "1 \(noun)" : "\(unique.count) \(plural)"
            reasons.append(Verdict.Reason(rule: rule, message: "\(counted): \(description)", findingIds: unique))
        }
        for (index, rule) in rules.vulnerabilities.enumerated() {
            let ids = images.flatMap { $0.vulnerabilities.filter { $0.suppression == nil && rule.matches($0, now: now) }.map(FindingID.of) }
            add("vulnerabilities[\(index)]", ids, "vulnerability", rule.summary)
        }
        if rules.malware {
            let ids = images.flatMap { $0.malware.filter { $0.suppression == nil }.map(FindingID.of) }
            add("malware", ids, "malware finding", "any malware fails")
        }
        if let secrets = rules.secrets {
            let ids = images.flatMap { $0.secrets.filter { $0.suppression == nil && secrets.matches($0) }.map(FindingID.of) }
            add("secrets", ids, "secret", secrets.summary)
        }
        if let misconfigurations = rules.misconfigurations {
            let ids = images.flatMap { $0.misconfigurations.filter { $0.suppression == nil && misconfigurations.lists($0.id) }.map(FindingID.of) }
            add("misconfigurations", ids, "misconfiguration", "listed check ids")
        }
        if let licenses = rules.licenses {
            let packages = images.flatMap(\.packages)
            add("licenses.deny", packages.filter { licenses.violation($0) == "deny" }.map(FindingID.of),
                "package", "a denied licence")
            add("licenses.allow", packages.filter { licenses.violation($0) == "allow" }.map(FindingID.of),
                "package", "a licence outside the allow list")
        }
        return reasons
    }
}
