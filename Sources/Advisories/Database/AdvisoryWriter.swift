import SQLiteDB

/// Receives parsed advisories from a feed reader.
protocol FeedSink: AnyObject {
    /// Stores one advisory. `origin` is the file it came from.
    func add(_ record: AdvisoryRecord, origin: String) throws
    /// Counts OSV `GIT` ranges that were not imported (commit ranges cannot match installed versions).
    func ignoredGitRanges(_ count: Int, source: String)
    /// Counts a withdrawn OSV record that was skipped.
    func skippedWithdrawn(source: String)
}

/// Writes advisories into an open database inside the importer's transaction, with reused
/// prepared statements. The first time a source appears in a run, its old rows are deleted, so
/// re-importing a feed replaces it while other feeds stay.
final class AdvisoryWriter: FeedSink {
    struct SourceStats { var added = 0, ignoredGitRanges = 0, skippedWithdrawn = 0; var origins: Set<String> = [] }

    private let db: SQLiteDatabase
    private let insertAdvisory: SQLiteStatement
    private let insertAffected: SQLiteStatement
    private var nextRowID: Int64
    private var rowIDs: [String: Int64] = [:]
    private(set) var stats: [String: SourceStats] = [:]
    /// Advisory records received so far in this run (repeats of one advisory included).
    private(set) var recordsSeen = 0
    /// Withdrawn records skipped so far in this run (recognised feed content, nothing stored).
    private(set) var withdrawnSeen = 0

    init(db: SQLiteDatabase) throws {
        self.db = db
        insertAdvisory = try db.prepare("""
            INSERT INTO advisories(rowid, source, id, aliases, summary, severity, cvss, refs, modified, published,
                                   cvss_vector, cvss_score)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertAffected = try db.prepare("""
            INSERT INTO affected(advisory, ecosystem, release, package, status, ranges, versions, severity)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let max = try db.prepare("SELECT COALESCE(MAX(rowid), 0) FROM advisories")
        _ = try max.step()
        nextRowID = max.int(0) + 1
    }

    private func touch(_ source: String) throws {
        guard stats[source] == nil else { return }
        stats[source] = SourceStats()
        let delete1 = try db.prepare("DELETE FROM affected WHERE advisory IN (SELECT rowid FROM advisories WHERE source = ?)")
        try delete1.run([.text(source)])
        let delete2 = try db.prepare("DELETE FROM advisories WHERE source = ?")
        try delete2.run([.text(source)])
    }

    func add(_ record: AdvisoryRecord, origin: String) throws {
        try touch(record.source)
        recordsSeen += 1
        stats[record.source]!.origins.insert(origin)
        let key = record.source + "\u{1F}" + record.id
        let rowID: Int64
        if let existing = rowIDs[key] {
            rowID = existing   // the same advisory again (another file of the feed): add its packages
        } else {
            rowID = nextRowID
            nextRowID += 1
            rowIDs[key] = rowID
            stats[record.source]!.added += 1
            let cvss = SeverityResolver.cvss(record.cvssVectors)
            try insertAdvisory.run([
                .integer(rowID), .text(record.source), .text(record.id),
                .text(RangeCodec.encodeList(record.aliases)), record.summary.map { .text($0) } ?? .null,
                record.statedSeverity.map { .text($0) } ?? .null, .text(RangeCodec.encodeList(record.cvssVectors)),
                .text(RangeCodec.encodeList(record.references)), record.modified.map { .text($0) } ?? .null,
                record.published.map { .text($0) } ?? .null,
                cvss.map { .text($0.vector) } ?? .null, cvss?.score.map { .real($0) } ?? .null,
            ])
        }
        for affected in record.affected {
            try insertAffected.run([
                .integer(rowID), .text(affected.ecosystem.rawValue), .text(affected.release), .text(affected.name),
                .text(affected.status.rawValue), .text(RangeCodec.encode(affected.ranges)),
                .text(RangeCodec.encodeList(affected.versions)), affected.severity.map { .text($0) } ?? .null,
            ])
        }
    }

    func ignoredGitRanges(_ count: Int, source: String) {
        guard count > 0 else { return }
        try? touch(source)
        stats[source, default: SourceStats()].ignoredGitRanges += count
    }

    func skippedWithdrawn(source: String) {
        try? touch(source)
        withdrawnSeen += 1
        stats[source, default: SourceStats()].skippedWithdrawn += 1
    }

    /// Records each touched source's import date and record count.
    func finish(importedAt: String) throws {
        let count = try db.prepare("SELECT COUNT(*) FROM advisories WHERE source = ?")
        let upsert = try db.prepare("""
            INSERT OR REPLACE INTO sources(name, imported_at, records, ignored_git_ranges, skipped_withdrawn, origin)
            VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (name, stat) in stats {
            count.reset()
            count.bind(1, name)
            _ = try count.step()
            let records = count.int(0)
            count.reset()
            try upsert.run([.text(name), .text(importedAt), .integer(records), .integer(Int64(stat.ignoredGitRanges)),
                            .integer(Int64(stat.skippedWithdrawn)), .text(stat.origins.sorted().joined(separator: ", "))])
        }
    }
}
