/// Decides whether a version falls inside OSV-style ranges or a list of versions.
enum RangeEvaluator {
    /// `affected` with the version that fixes it (nil when no fix is known), or not affected.
    enum Verdict: Equatable { case notAffected, affected(fixed: String?) }

    /// `ranges` of kind `ECOSYSTEM` use `comparator`; `SEMVER` ranges use `semver` (for Go,
    /// the Go comparator, which reads OSV's `v`-less Go versions). `versions` are exact matches.
    static func evaluate(_ version: String, ranges: [VersionRange], versions: [String],
                         comparator: any VersionComparator, semver: any VersionComparator) -> Verdict {
        var hit = false
        var fixed: String?
        for range in ranges {
            let cmp = range.kind == .semver ? semver : comparator
            if case .affected(let fix) = evaluate(version, range: range, comparator: cmp) {
                hit = true
                if fixed == nil { fixed = fix }
            }
        }
        if !hit, versions.contains(where: { comparator.compare($0, version) == 0 }) { hit = true }
        return hit ? .affected(fixed: fixed) : .notAffected
    }

    /// One range, per the OSV specification: sort events by version (`introduced: 0` first); the
    /// version is affected when the last event at or below it is an `introduced` (a `last_affected`
    /// event only ends the range above its version); `limit` events cap the whole range.
    static func evaluate(_ version: String, range: VersionRange, comparator: any VersionComparator) -> Verdict {
        var events: [(order: Int, value: String, event: VersionRange.Event)] = []
        for event in range.events {
            switch event {
            case .limit(let limit):
                if limit != "*" && comparator.compare(version, limit) >= 0 { return .notAffected }
            case .introduced(let v): events.append((0, v, event))
            case .fixed(let v): events.append((1, v, event))
            case .lastAffected(let v): events.append((2, v, event))
            }
        }
        func less(_ a: (order: Int, value: String, event: VersionRange.Event), _ b: (order: Int, value: String, event: VersionRange.Event)) -> Bool {
            let zeroA = a.order == 0 && a.value == "0", zeroB = b.order == 0 && b.value == "0"
            if zeroA != zeroB { return zeroA }
            let c = zeroA ? 0 : comparator.compare(a.value, b.value)
            return c != 0 ? c < 0 : a.order < b.order
        }
        events.sort(by: less)
        var affected = false
        var lastApplied = -1
        for (index, entry) in events.enumerated() {
            let c = entry.order == 0 && entry.value == "0" ? 1 : comparator.compare(version, entry.value)
            switch entry.event {
            case .introduced: if c >= 0 { affected = true; lastApplied = index }
            case .fixed: if c >= 0 { affected = false; lastApplied = index }
            case .lastAffected: if c > 0 { affected = false; lastApplied = index }
            case .limit: break
            }
        }
        guard affected else { return .notAffected }
        for entry in events[(lastApplied + 1)...] {
            if case .fixed(let v) = entry.event { return .affected(fixed: v) }
            if case .lastAffected = entry.event { return .affected(fixed: nil) }
        }
        return .affected(fixed: nil)
    }
}
