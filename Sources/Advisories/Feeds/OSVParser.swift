import Foundation

/// Turns OSV records into ``AdvisoryRecord``s: one per record, with one ``AffectedPackage`` per
/// `affected` entry of an ecosystem spoolscan inventories. `GIT` ranges are counted and dropped;
/// withdrawn records are counted and skipped.
enum OSVParser {
    /// Reads one record or an array of records from JSON bytes.
    static func read(_ data: Data, origin: String, into sink: FeedSink) throws {
        let decoder = JSONDecoder()
        if data.first(where: { !isSpace($0) }) == UInt8(ascii: "[") {
            for record in try decoder.decode([OSVRecord].self, from: data) { try add(record, origin: origin, into: sink) }
        } else {
            try add(try decoder.decode(OSVRecord.self, from: data), origin: origin, into: sink)
        }
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09 }

    static func add(_ osv: OSVRecord, origin: String, into sink: FeedSink) throws {
        let supported = (osv.affected ?? []).compactMap { entry -> (OSVRecord.Affected, Ecosystem, String)? in
            guard let package = entry.package, let (ecosystem, release) = Ecosystem.parseOSV(package.ecosystem) else { return nil }
            return (entry, ecosystem, release)
        }
        guard let first = supported.first else { return }
        let source = "osv:" + first.1.rawValue
        if osv.withdrawn != nil {
            sink.skippedWithdrawn(source: source)
            return
        }
        var vectors: [String] = []
        var stated = osv.database_specific?.severity
        for severity in osv.severity ?? [] {
            if severity.type.hasPrefix("CVSS") { vectors.append(severity.score) } else if stated == nil { stated = severity.score }
        }
        var affected: [AffectedPackage] = []
        var gitRanges = 0
        for (entry, ecosystem, release) in supported {
            var ranges: [VersionRange] = []
            for range in entry.ranges ?? [] {
                let kind: VersionRange.Kind
                switch range.type {
                case "SEMVER": kind = .semver
                case "ECOSYSTEM": kind = .ecosystem
                default: gitRanges += 1; continue
                }
                let events: [VersionRange.Event] = (range.events ?? []).compactMap { event in
                    if let v = event["introduced"] { return .introduced(v) }
                    if let v = event["fixed"] { return .fixed(v) }
                    if let v = event["last_affected"] { return .lastAffected(v) }
                    if let v = event["limit"] { return .limit(v) }
                    return nil
                }
                if !events.isEmpty { ranges.append(VersionRange(kind: kind, events: events)) }
            }
            let versions = entry.versions ?? []
            guard !ranges.isEmpty || !versions.isEmpty else { continue }
            var packageSeverity = entry.ecosystem_specific?.urgency ?? entry.ecosystem_specific?.severity
                ?? entry.database_specific?.severity
            for severity in entry.severity ?? [] {
                if severity.type.hasPrefix("CVSS") { vectors.append(severity.score) }
                else if packageSeverity == nil { packageSeverity = severity.score }
            }
            affected.append(AffectedPackage(
                ecosystem: ecosystem, release: release, name: PackageName.normalize(entry.package!.name, ecosystem: ecosystem),
                status: .affected, ranges: ranges, versions: versions, severity: packageSeverity))
        }
        sink.ignoredGitRanges(gitRanges, source: source)
        guard !affected.isEmpty else { return }
        let summary = osv.summary ?? osv.details.map { String($0.prefix { $0 != "\n" }.prefix(240)) }
        var seen = Set<String>()
        let references = (osv.references ?? []).compactMap(\.url).filter { seen.insert($0).inserted }.prefix(20)
        var uniqueVectors: [String] = []
        for v in vectors where !uniqueVectors.contains(v) { uniqueVectors.append(v) }
        try sink.add(AdvisoryRecord(
            id: osv.id, source: source, aliases: osv.aliases ?? [], summary: summary, statedSeverity: stated,
            cvssVectors: uniqueVectors, references: Array(references), modified: osv.modified, published: osv.published,
            affected: affected),
            origin: origin)
    }
}
