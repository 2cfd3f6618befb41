/// A Semantic Versioning 2.0 version, parsed leniently: a leading `v` or `=` and spaces are
/// dropped, build metadata (`+…`) is ignored, and a release of fewer or more than three numeric
/// components is accepted (missing components are zero).
struct SemanticVersion {
    var release: [Substring]
    var prerelease: [Substring]

    /// A version from already validated parts.
    init(release: [Substring], prerelease: [Substring]) {
        self.release = release
        self.prerelease = prerelease
    }

    /// Parses `text`; nil when the release part is not dot-separated digits.
    init?(_ text: String, allowPrefix: Bool = true) {
        var s = Substring(text.trimmingSpaces)
        if allowPrefix {
            while let c = s.first, c == "v" || c == "V" || c == "=" || c == " " { s = s.dropFirst() }
        }
        if let plus = s.firstIndex(of: "+") { s = s[..<plus] }
        var pre: Substring = ""
        if let dash = s.firstIndex(of: "-") {
            pre = s[s.index(after: dash)...]
            s = s[..<dash]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
        release = parts
        prerelease = pre.isEmpty ? [] : pre.split(separator: ".", omittingEmptySubsequences: false)
        if dashPresent(text) && prerelease.isEmpty { return nil }
    }

    private func dashPresent(_ text: String) -> Bool {
        guard let plus = text.firstIndex(of: "+") else { return text.contains("-") }
        return text[..<plus].contains("-")
    }

    /// SemVer §11 precedence. `caseInsensitive` compares alphanumeric identifiers ignoring case (NuGet).
    static func compare(_ a: SemanticVersion, _ b: SemanticVersion, caseInsensitive: Bool = false) -> Int {
        let n = max(a.release.count, b.release.count)
        for i in 0..<n {
            let c = compareDigitRuns(i < a.release.count ? a.release[i] : "0", i < b.release.count ? b.release[i] : "0")
            if c != 0 { return c }
        }
        switch (a.prerelease.isEmpty, b.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        default: break
        }
        for (x, y) in zip(a.prerelease, b.prerelease) {
            let c = compareIdentifier(x, y, caseInsensitive: caseInsensitive)
            if c != 0 { return c }
        }
        return threeWay(a.prerelease.count, b.prerelease.count)
    }

    /// Numeric identifiers compare numerically and sort before alphanumeric ones, which compare in ASCII order.
    static func compareIdentifier(_ x: Substring, _ y: Substring, caseInsensitive: Bool) -> Int {
        let xn = !x.isEmpty && x.allSatisfy(\.isASCIIDigitCharacter), yn = !y.isEmpty && y.allSatisfy(\.isASCIIDigitCharacter)
        switch (xn, yn) {
        case (true, true): return compareDigitRuns(x, y)
        case (true, false): return -1
        case (false, true): return 1
        default:
            let p = caseInsensitive ? Substring(x.lowercased()) : x, q = caseInsensitive ? Substring(y.lowercased()) : y
            return p.utf8.elementsEqual(q.utf8) ? 0 : (p.utf8.lexicographicallyPrecedes(q.utf8) ? -1 : 1)
        }
    }
}

/// Semantic Versioning 2.0 precedence, used for npm, crates.io (Cargo uses SemVer 2.0 exactly),
/// NuGet (NuGet 4+ is SemVer 2.0 with a fourth release number and case-insensitive labels),
/// and OSV `SEMVER` ranges. Build metadata is ignored. Strings that are not versions sort
/// before valid ones, and among themselves by ``GenericVersionComparator``.
public struct SemverVersionComparator: VersionComparator {
    /// NuGet compares pre-release labels case-insensitively.
    public let caseInsensitive: Bool
    public init(caseInsensitive: Bool = false) { self.caseInsensitive = caseInsensitive }
    public var scheme: String { caseInsensitive ? "nuget" : "semver" }
    public func pinned(_ version: String) -> (String) -> Int {
        guard let v = SemanticVersion(version) else { return { self.compare(version, $0) } }
        let caseInsensitive = self.caseInsensitive
        return { other in SemanticVersion(other).map { SemanticVersion.compare(v, $0, caseInsensitive: caseInsensitive) } ?? 1 }
    }

    public func compare(_ a: String, _ b: String) -> Int {
        switch (SemanticVersion(a), SemanticVersion(b)) {
        case let (x?, y?): return SemanticVersion.compare(x, y, caseInsensitive: caseInsensitive)
        case (nil, nil): return GenericVersionComparator().compare(a, b)
        case (nil, _): return -1
        case (_, nil): return 1
        }
    }
}
