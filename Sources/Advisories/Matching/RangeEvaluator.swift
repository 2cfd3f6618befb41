/// Decides whether a version falls inside OSV-style ranges or a list of versions.
enum RangeEvaluator {
    /// `affected` with the version that fixes it (nil when no fix is known), or not affected.
    enum Verdict: Equatable { case notAffected, affected(fixed: String?) }

    /// `ranges` of kind `ECOSYSTEM` use `comparator`; `SEMVER` ranges use `semver` (for Go,
    /// the Go comparator, which reads OSV's `v`-less Go versions). `versions` are exact matches.
    static func evaluate(_ version: String, ranges: [VersionRange], versions: String,
                         comparator: any VersionComparator, semver: any VersionComparator) -> Verdict {
        evaluate(Pinned(version, comparator), ranges: ranges, versions: versions, semver: Pinned(version, semver))
    }

    /// The installed version with its comparator, parsed once (``VersionComparator/pinned(_:)``).
    struct Pinned {
        let version: String
        let comparator: any VersionComparator
        /// `compare(version, other)`.
        let against: (String) -> Int
        init(_ version: String, _ comparator: any VersionComparator) {
            self.version = version
            self.comparator = comparator
            against = comparator.pinned(version)
        }
    }

    /// As above, for a version already pinned to the ecosystem's and the SemVer comparator.
    static func evaluate(_ pinned: Pinned, ranges: [VersionRange], versions: String, semver: Pinned) -> Verdict {
        var hit = false
        var fixed: String?
        for range in ranges {
            if case .affected(let fix) = evaluate(range.kind == .semver ? semver : pinned, range: range) {
                hit = true
                if fixed == nil { fixed = fix }
            }
        }
        if !hit && !versions.isEmpty { hit = listed(pinned, in: versions) }
        return hit ? .affected(fixed: fixed) : .notAffected
    }

    /// Whether `version` equals one of the encoded `versions` under `comparator`. Versions lists
    /// can hold hundreds of entries: an entry is only compared when its leading number equals the
    /// version's (equal versions in every scheme here share it, e.g. `1.0` and `1.0.0`).
    static func listed(_ pinned: Pinned, in versions: String) -> Bool {
        var version = pinned.version
        var versions = versions
        return version.withUTF8 { v in
            let lead = leadingNumber(v, 0, v.count)
            let versionASCII = v.allSatisfy { $0 < 0x80 }
            return versions.withUTF8 { list in
                // Entries are compared in place; a String is only made for a candidate entry.
                var start = 0
                while start <= list.count {
                    var end = start
                    var ascii = true
                    while end < list.count && list[end] != 0x1F { if list[end] >= 0x80 { ascii = false }; end += 1 }
                    let entry = UnsafeBufferPointer(rebasing: list[start..<end])
                    if entry.elementsEqual(v) { return true }
                    if !(ascii && versionASCII),
                       String(decoding: entry, as: UTF8.self) == pinned.version { return true }   // canonically equal
                    let number = leadingNumber(entry, 0, entry.count)
                    if entry[number].elementsEqual(v[lead])
                        && pinned.against(String(decoding: entry, as: UTF8.self)) == 0 { return true }
                    start = end + 1
                }
                return false
            }
        }
    }

    /// ``leadingNumber(_:)`` on bytes: the index range of that run of digits within `start..<end`.
    static func leadingNumber(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var i = start
        if end - i >= 2 && b[i] == 48 && (b[i + 1] == 58 || b[i + 1] == 33) { i += 2 }   // `0:` / `0!` epoch
        while i < end && !b[i].isASCIIDigit { i += 1 }
        while end - i > 1 && b[i] == 48 && b[i + 1].isASCIIDigit { i += 1 }
        var j = i
        while j < end && b[j].isASCIIDigit { j += 1 }
        return i..<j
    }

    /// The first run of digits after an optional `v`/`go` prefix and epoch-free leading zeros.
    static func leadingNumber(_ s: Substring) -> Substring {
        var utf8 = s.utf8[...]
        if utf8.starts(with: [48, 58]) || utf8.starts(with: [48, 33]) { utf8 = utf8.dropFirst(2) }   // `0:` / `0!` epoch
        while let c = utf8.first, !c.isASCIIDigit { utf8 = utf8.dropFirst() }
        while utf8.count > 1, utf8.first == 48, let next = utf8.dropFirst().first, next.isASCIIDigit { utf8 = utf8.dropFirst() }
        return Substring(utf8.prefix { $0.isASCIIDigit })
    }

    /// One range, per the OSV specification: sort events by version (`introduced: 0` first); the
    /// version is affected when the last event at or below it is an `introduced` (a `last_affected`
    /// event only ends the range above its version); `limit` events cap the whole range.
    static func evaluate(_ version: String, range: VersionRange, comparator: any VersionComparator) -> Verdict {
        evaluate(Pinned(version, comparator), range: range)
    }

    static func evaluate(_ pinned: Pinned, range: VersionRange) -> Verdict {
        // Most ranges are `introduced` alone or followed by one `fixed` / `last_affected`: the
        // walk below gives the same verdict without collecting and ordering the events.
        switch range.events.count {
        case 1:
            if case .introduced(let v) = range.events[0] {
                return v == "0" || pinned.against(v) >= 0 ? .affected(fixed: nil) : .notAffected
            }
        case 2:
            if case .introduced(let v) = range.events[0], v == "0" || pinned.against(v) >= 0 {
                switch range.events[1] {
                case .fixed(let f): return pinned.against(f) < 0 ? .affected(fixed: f) : .notAffected
                case .lastAffected(let l): return pinned.against(l) <= 0 ? .affected(fixed: nil) : .notAffected
                default: break
                }
            } else if case .introduced = range.events[0], range.events[1].isFixedOrLastAffected {
                return .notAffected
            }
        default:
            break
        }
        let comparator = pinned.comparator
        var events: [(order: Int, value: String, event: VersionRange.Event)] = []
        for event in range.events {
            switch event {
            case .limit(let limit):
                if limit != "*" && pinned.against(limit) >= 0 { return .notAffected }
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
        // A lone `introduced` + `fixed`/`last_affected` pair needs no ordering; longer lists are sorted if needed.
        let simplePair = events.count == 2 && events[0].order == 0 && events[1].order != 0
        if !simplePair && zip(events, events.dropFirst()).contains(where: { less($1, $0) }) { events.sort(by: less) }
        var affected = false
        var lastApplied = -1
        for (index, entry) in events.enumerated() {
            let c = entry.order == 0 && entry.value == "0" ? 1 : pinned.against(entry.value)
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

extension VersionRange.Event {
    var isFixedOrLastAffected: Bool {
        switch self {
        case .fixed, .lastAffected: return true
        case .introduced, .limit: return false
        }
    }
}
