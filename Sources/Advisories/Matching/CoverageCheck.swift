import ScanReport
import SpoolscanCore

/// Which of an image's packages the advisory database can speak for.
///
/// Packages are grouped by package type, advisory ecosystem and release (OS packages take the
/// image's distribution release). A group is checked when the database holds at least one
/// advisory for its ecosystem and release; otherwise its packages are "not checked" and the
/// report carries a `DB-008` warning naming the release or ecosystem and the package count, so
/// a database without (say) Debian 12 data never passes a Debian 12 image as clean.
enum CoverageCheck {
    private struct Key: Hashable {
        var type: PackageType
        var ecosystem: Ecosystem?
        var release: String
        var os: String?
    }

    /// The image's package groups and whether `database` covers each, in package-type order.
    static func coverage(of image: ImageReport, database: AdvisoryDatabase) throws(SpoolscanError) -> [PackageCoverage] {
        let os = image.os.flatMap { Ecosystem.forOS(family: $0.family, version: $0.version) }
        let osName = image.os.map { "\($0.family) \($0.version)" }
        var counts: [Key: Int] = [:]
        var order: [Key] = []
        for package in image.packages {
            let key: Key
            if let query = PackageQuery(package: package, os: os) {
                key = Key(type: package.type, ecosystem: query.ecosystem, release: query.release, os: nil)
            } else {
                key = Key(type: package.type, ecosystem: nil, release: "", os: osName)
            }
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        let typeRank = Dictionary(uniqueKeysWithValues: PackageType.allCases.enumerated().map { ($1, $0) })
        order.sort { a, b in
            typeRank[a.type]! != typeRank[b.type]! ? typeRank[a.type]! < typeRank[b.type]!
                : (a.ecosystem?.rawValue ?? "", a.release) < (b.ecosystem?.rawValue ?? "", b.release)
        }
        var result: [PackageCoverage] = []
        for key in order {
            let checked = try key.ecosystem.map { ecosystem throws(SpoolscanError) in
                try database.covers(ecosystem, release: key.release)
            } ?? false
            result.append(PackageCoverage(packageType: key.type, ecosystem: key.ecosystem?.rawValue,
                                          release: key.release.isEmpty ? nil : key.release, os: key.os,
                                          packages: counts[key]!, checked: checked))
        }
        return result
    }

    /// One `DB-008` warning per release or ecosystem the database does not cover, with the
    /// number of packages (over all images) left unchecked.
    static func warnings(for images: [ImageReport]) -> [ReportWarning] {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for group in images.flatMap({ $0.coverage ?? [] }) where !group.checked {
            let key = "\(group.packageType.rawValue)\u{1F}\(phrase(group))"
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += group.packages
        }
        return order.map { key in
            let parts = key.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            return ReportWarning(.dbNoCoverage, "\(parts[1]): \(counts[key]!) \(parts[0]) packages not checked")
        }
    }

    /// `no advisories for Debian 12 in the database`, `no advisory source for rpm packages on fedora 40`.
    static func phrase(_ group: PackageCoverage) -> String {
        if group.ecosystem != nil { return "no advisories for \(group.scope) in the database" }
        if let os = group.os { return "no advisory source for \(group.packageType.rawValue) packages on \(os)" }
        return "operating system not detected, so its packages cannot be matched"
    }
}
