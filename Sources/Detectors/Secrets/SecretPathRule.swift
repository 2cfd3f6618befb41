import ScanReport
import SpoolscanCore

/// Path rules in the manner of trivy's defaults: files in test, example and documentation
/// places hold sample credentials far more often than live ones. A finding there is not
/// hidden when its rule proves its value (a checksum, a unique prefix, a validated key body:
/// rule confidence `high`): it is reported with severity LOW, confidence low and a reason.
/// Rules that cannot prove their value (generic assignments, provider keywords, JWTs, URLs)
/// are not reported in these places.
enum SecretPathRule {
    /// Where a path sits, when it is one of the sample places.
    enum Place: String, Sendable {
        case test = "a test folder or test file"
        case example = "an example or sample folder"
        case documentation = "documentation or package metadata"
    }

    private static let test = try! CompiledRegex(
        #"(?:^|/)(?:tests?|testing|testdata|test_data|testsuite|__tests__|spec|fixtures?)/|(?:^|/)(?:test_[^/]*\.py|[^/]*_test\.(?:py|go|rb)|[^/]*\.(?:test|spec)\.[jt]sx?|conftest\.py)$"#)
    private static let example = try! CompiledRegex(#"(?:^|/)(?:examples?|samples?|demos?)/"#)
    private static let documentation = try! CompiledRegex(
        #"(?:^|/)(?:docs?|documentation)/|\.(?:md|markdown|rst|adoc)$|(?:^|/)README[^/]*$|\.dist-info/METADATA$|\.egg-info/PKG-INFO$|(?:^|/)PKG-INFO$"#)

    /// The sample place `path` is in, or nil for an ordinary path (and for `config:` paths).
    static func place(of path: String) -> Place? {
        if path.hasPrefix("config:") { return nil }
        if RegexMatcher(test).matches(path) { return .test }
        if RegexMatcher(example).matches(path) { return .example }
        if RegexMatcher(documentation).matches(path) { return .documentation }
        return nil
    }

    /// The finding as reported for `place`: unchanged for nil; lowered with a reason for a
    /// high-confidence rule; nil (not reported) for other rules.
    static func apply(_ finding: SecretFinding, rule: SecretRule, place: Place?) -> SecretFinding? {
        guard let place else { return finding }
        guard rule.confidence == .high else { return nil }
        var lowered = finding
        lowered.severity = .low
        lowered.confidence = .low
        lowered.reason = "in \(place.rawValue): likely a sample or test credential"
        return lowered
    }
}
