import SpoolscanCore
import ScanReport

/// Merges the findings for one package that describe the same vulnerability (a PYSEC record and
/// its CVE/GHSA aliases, a Debian tracker CVE and an OSV DSA) into one finding with a stable
/// primary id: a CVE id if the group has one, else a GHSA id, else the smallest id; the others
/// become `aliases`.
enum FindingMerger {
    /// A finding reports at most this many references.
    static let referenceLimit = 10

    struct Candidate {
        var advisory: StoredAdvisory
        var fixed: String?
        var status: AdvisoryStatus
        var resolution: SeverityResolver.Resolution
    }

    static func primaryID(_ ids: some Sequence<String>) -> String {
        ids.min { a, b in
            let ra = rank(a), rb = rank(b)
            return ra != rb ? ra < rb : a < b
        } ?? ""
    }

    private static func rank(_ id: String) -> Int { id.hasPrefix("CVE-") ? 0 : (id.hasPrefix("GHSA-") ? 1 : 2) }

    /// Groups candidates whose id sets overlap; drops groups an advisory marks `not_affected`.
    /// The findings are appended to `findings`.
    static func merge(_ candidates: [Candidate], notAffected: Set<String>, package: Package,
                      comparator: any VersionComparator, into findings: inout [Vulnerability]) {
        // Union-find over candidates sharing any id.
        var parent = Array(candidates.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        let idLists = candidates.map(\.advisory.ids)
        var owner: [String: Int] = [:]
        owner.reserveCapacity(idLists.reduce(0) { $0 + $1.count })
        for (index, ids) in idLists.enumerated() {
            for id in ids {
                if let other = owner[id] { parent[root(index)] = root(other) } else { owner[id] = index }
            }
        }
        // Groups in order of their first member; members in candidate order.
        var groupOfRoot: [Int: Int] = [:]
        var groups: [[Int]] = []
        for index in candidates.indices {
            let r = root(index)
            if let g = groupOfRoot[r] { groups[g].append(index) } else { groupOfRoot[r] = groups.count; groups.append([index]) }
        }
        for group in groups {
            // The group's distinct ids (most groups are one advisory with a few aliases: no Set needed).
            var ids: [String]
            if group.count == 1 {
                ids = []
                for id in idLists[group[0]] where !ids.contains(id) { ids.append(id) }
            } else {
                var union = Set<String>()
                for index in group { union.formUnion(idLists[index]) }
                ids = Array(union)
            }
            if !notAffected.isEmpty && ids.contains(where: notAffected.contains) { continue }
            findings.append(finding(group.map { candidates[$0] }, ids: ids, package: package, comparator: comparator))
        }
    }

    /// One finding for a group; `ids` are the group's distinct ids.
    private static func finding(_ group: [Candidate], ids: [String], package: Package,
                                comparator: any VersionComparator) -> Vulnerability {
        let primary = primaryID(ids)
        let fixed = group.count == 1 ? group[0].fixed : group.compactMap(\.fixed).max { comparator.compare($0, $1) < 0 }
        let status: String
        if fixed != nil {
            status = "fixed"
        } else if group.contains(where: { $0.status == .fixDeferred }) {
            status = AdvisoryStatus.fixDeferred.rawValue
        } else if group.contains(where: { $0.status == .willNotFix }) {
            status = AdvisoryStatus.willNotFix.rawValue
        } else {
            status = AdvisoryStatus.affected.rawValue
        }
        let best = group.min { a, b in
            a.resolution.basis != b.resolution.basis ? a.resolution.basis < b.resolution.basis
                : a.resolution.severity > b.resolution.severity
        }!
        let cvss = best.resolution.cvss ?? group.lazy.compactMap(\.resolution.cvss).first
        let lead = group.first { $0.advisory.id == primary } ?? group.min { $0.advisory.id < $1.advisory.id }!
        // The first 10 distinct references, in order: later ones are never reported (so never read);
        // one advisory's are already that.
        var references: [String] = []
        if group.count == 1 {
            references = group[0].advisory.references
        } else {
            references.reserveCapacity(referenceLimit)
            collect: for candidate in group {
                for ref in candidate.advisory.references where !references.contains(ref) {
                    references.append(ref)
                    if references.count == referenceLimit { break collect }
                }
            }
        }
        var vulnerability = Vulnerability(
            id: primary, aliases: ids.filter { $0 != primary }.sorted(), packageName: package.name,
            packageType: package.type, purl: package.purl, installedVersion: package.version,
            fixedVersion: fixed, status: status, severity: best.resolution.severity, cvss: cvss,
            title: lead.advisory.summary ?? group.lazy.compactMap(\.advisory.summary).first,
            source: lead.advisory.source, layer: package.layer, references: references)
        vulnerability.path = package.paths.first
        // Public since the earliest publication of any merged record (PYSEC and GHSA of one CVE).
        vulnerability.published = group.count == 1 ? group[0].advisory.published
            : group.compactMap(\.advisory.published).min { earlier($0, $1) }
        return vulnerability
    }

    /// Orders RFC 3339 timestamps by time (text order breaks on differing offsets or precision).
    private static func earlier(_ a: String, _ b: String) -> Bool {
        guard let x = Timestamp.parse(a), let y = Timestamp.parse(b) else { return a < b }
        return x < y
    }
}
