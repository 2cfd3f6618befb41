import Foundation
import ScanReport

/// Decides a report: marks the findings that VEX statements and ignore entries suppress, warns
/// about expired ignores (`POL-005`), checks the rest against the rules and sets `report.verdict`.
///
/// ```swift
/// PolicyEvaluator(policy: try PolicyLoader.load(path: "policy.yaml"), vex: documents).apply(to: &report)
/// ```
///
/// Applying again (after a rematch) starts afresh: earlier suppressions and `POL-005` warnings
/// are replaced. VEX statements are applied first; an ignore entry marks what they left.
public struct PolicyEvaluator: Sendable {
    public let policy: LoadedPolicy
    public let vex: [VEXDocument]
    /// The time ignore expiry and vulnerability age are measured at.
    public let now: Date

    public init(policy: LoadedPolicy = .builtIn, vex: [VEXDocument] = [], now: Date = Date()) {
        self.policy = policy; self.vex = vex; self.now = now
    }

    /// Suppresses, warns and sets `report.verdict`; returns the verdict.
    @discardableResult
    public func apply(to report: inout Report) -> Verdict {
        let suppressor = VEXSuppressor(documents: vex)
        let ignores = IgnoreMatcher(ignores: policy.policy.ignores, source: policy.reference.path, now: now)
        var expired: [Int: Int] = [:]
        for index in report.artifact.images.indices {
            var image = report.artifact.images[index]
            let pathsByPurl = Dictionary(image.packages.map { ($0.purl, $0.paths) }, uniquingKeysWith: +)
            for j in image.vulnerabilities.indices {
                let v = image.vulnerabilities[j]
                let paths = pathsByPurl[v.purl] ?? []
                let keys = IgnoreMatcher.Keys(ids: [v.id] + v.aliases, packageName: v.packageName, purl: v.purl, paths: paths)
                let fromVEX = suppressor.suppression(for: v, in: image)
                let fromIgnore = ignores.suppression(for: keys, expiredMatches: &expired)
                image.vulnerabilities[j].suppression = fromVEX ?? fromIgnore
            }
            for j in image.secrets.indices {
                let s = image.secrets[j]
                image.secrets[j].suppression = ignores.suppression(for: .init(ids: [s.ruleID], paths: [s.path]), expiredMatches: &expired)
            }
            for j in image.malware.indices {
                let m = image.malware[j]
                let keys = IgnoreMatcher.Keys(ids: [m.rule, "\(m.namespace)/\(m.rule)"], paths: [m.path])
                image.malware[j].suppression = ignores.suppression(for: keys, expiredMatches: &expired)
            }
            for j in image.misconfigurations.indices {
                let m = image.misconfigurations[j]
                image.misconfigurations[j].suppression = ignores.suppression(for: .init(ids: [m.id], paths: m.evidence),
                                                                             expiredMatches: &expired)
            }
            report.artifact.images[index] = image
        }
        report.warnings.remove(code: .policyIgnoreExpired)
        for warning in ignores.expiryWarnings(expired) { report.warnings.add(warning) }
        let reasons = RuleEvaluator(rules: policy.policy.rules, now: now).reasons(for: report)
        let verdict = Verdict(result: reasons.isEmpty ? .pass : .fail, policy: policy.reference, reasons: reasons,
                              decidedAt: PolicyDate.format(now))
        report.verdict = verdict
        return verdict
    }
}
