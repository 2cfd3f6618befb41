/// Go module versions, as `golang.org/x/mod/semver.Compare`: `vMAJOR[.MINOR[.PATCH]]` with SemVer
/// pre-releases (pseudo-versions such as `v0.0.0-20191109021931-daa7c04131f5` are pre-releases and
/// order by their timestamp), build metadata such as `+incompatible` ignored. Invalid versions are
/// equal to each other and older than every valid one. OSV writes Go versions without the `v`, and
/// the toolchain as `go1.21.3`; both forms are accepted.
public struct GoVersionComparator: VersionComparator {
    public init() {}
    public var scheme: String { "go" }
    public func pinned(_ version: String) -> (String) -> Int {
        guard let v = Self.parse(version) else { return { self.compare(version, $0) } }
        guard GoVersionShape.hasShape(version) else { return { other in Self.parse(other).map { SemanticVersion.compare(v, $0) } ?? 1 } }
        return { other in
            GoVersionShape.compare(version, other) ?? (Self.parse(other).map { SemanticVersion.compare(v, $0) } ?? 1)
        }
    }

    public func compare(_ a: String, _ b: String) -> Int {
        if let order = GoVersionShape.compare(a, b) { return order }
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
        guard s.utf8.first?.isASCIIDigit == true else { return nil }
        // Release numbers: 1–3, no leading zeros; a suffix only after all three.
        var parts = 1, runStart = true, leadingZero = false
        var index = s.utf8.startIndex
        while index < s.utf8.endIndex {
            let c = s.utf8[index]
            if c == UInt8(ascii: ".") {
                guard !runStart else { return nil }
                parts += 1; runStart = true; leadingZero = false
            } else if c.isASCIIDigit {
                if leadingZero { return nil }
                if runStart && c == UInt8(ascii: "0") { leadingZero = true }
                runStart = false
            } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
                guard parts == 3, !runStart else { return nil }
                break
            } else {
                return nil
            }
            index = s.utf8.index(after: index)
        }
        guard parts <= 3, !runStart else { return nil }
        // Plain `MAJOR[.MINOR[.PATCH]]` (the usual case): the digits and dots were checked above.
        if index == s.utf8.endIndex {
            return SemanticVersion(release: s.split(separator: ".", omittingEmptySubsequences: false), prerelease: [])
        }
        let version: SemanticVersion
        if s.utf8[index...].allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }) {
            // An ASCII suffix without spaces: split as `SemanticVersion(_:)` would, without its Character-level work.
            let main = s.utf8.firstIndex(of: UInt8(ascii: "+")).map { s[..<$0] } ?? s
            guard let dash = main.utf8.firstIndex(of: UInt8(ascii: "-")) else {
                version = SemanticVersion(release: main.split(separator: ".", omittingEmptySubsequences: false), prerelease: [])
                return version
            }
            let pre = main[main.utf8.index(after: dash)...]
            guard !pre.isEmpty else { return nil }
            version = SemanticVersion(release: main[..<dash].split(separator: ".", omittingEmptySubsequences: false),
                                      prerelease: pre.split(separator: ".", omittingEmptySubsequences: false))
        } else {
            guard let parsed = SemanticVersion(String(s), allowPrefix: false) else { return nil }
            version = parsed
        }
        for id in version.prerelease {
            guard !id.isEmpty, id.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") }) else { return nil }
            if id.count > 1, id.first == "0", id.utf8.allSatisfy(\.isASCIIDigit) { return nil }
        }
        return version
    }
}
