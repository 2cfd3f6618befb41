/// Go module versions, as `golang.org/x/mod/semver.Compare`: `vMAJOR[.MINOR[.PATCH]]` with SemVer
/// pre-releases (pseudo-versions such as `v0.0.0-20191109021931-daa7c04131f5` are pre-releases and
/// order by their timestamp), build metadata such as `+incompatible` ignored. Invalid versions are
/// equal to each other and older than every valid one. OSV writes Go versions without the `v`, and
/// the toolchain as `go1.21.3`; both forms are accepted.
public struct GoVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "go" }

    public func compare(_ a: String, _ b: String) -> Int {
        switch (Self.parse(a), Self.parse(b)) {
        case let (x?, y?): return SemanticVersion.compare(x, y)
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        }
    }

    /// Go's grammar: `v` then 1–3 numeric parts without leading zeros; a pre-release or build
    /// suffix only after all three; pre-release identifiers non-empty, numeric ones without leading zeros.
    static func parse(_ text: String) -> SemanticVersion? {
        var s = Substring(text)
        if s.hasPrefix("go") { s = s.dropFirst(2) }
        if s.hasPrefix("v") { s = s.dropFirst() }
        guard s.first?.isASCIIDigitCharacter == true, let version = SemanticVersion(String(s), allowPrefix: false) else { return nil }
        let core = s.prefix { $0 != "-" && $0 != "+" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy({ $0 == "0" || !$0.hasPrefix("0") }) else { return nil }
        if core.count < s.count && parts.count < 3 { return nil }
        for id in version.prerelease {
            guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { return nil }
            if id.allSatisfy(\.isASCIIDigitCharacter) && id.count > 1 && id.hasPrefix("0") { return nil }
        }
        return version
    }
}
