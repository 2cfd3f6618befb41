import Foundation
import ScanReport
import SQLiteDB
import SpoolscanCore

/// The advisory database, opened read-only for matching.
///
/// One SQLite connection guarded by a lock: safe to share between tasks; lookups are short.
public final class AdvisoryDatabase: @unchecked Sendable {
    /// The file this database was opened from.
    public let path: String
    let db: SQLiteDatabase
    private let lock = NSLock()
    private var advisoryCache: [Int64: StoredAdvisory] = Dictionary(minimumCapacity: 4096)
    /// The chosen CVSS per stored `cvss` column text: many advisories share the same vectors,
    /// and scoring a vector is the dearest part of reading an advisory.
    private var cvssCache: [String: CVSS?] = [:]
    /// Whether the database holds advisories for an ecosystem and release (`Debian\u{1F}12`).
    var coverageCache: [String: Bool] = [:]
    /// The `advisories` query; files written before `published` existed read it as NULL.
    private let advisoryQuery: String
    /// Whether the file holds each advisory's chosen CVSS vector and score (schema version 2);
    /// version 1 files are scored while matching.
    private let storesCVSS: Bool
    /// The two matching queries, prepared on first use and reset after each.
    private var advisoryStatement: SQLiteStatement?
    private var candidatesStatement: SQLiteStatement?

    /// Opens `path` read-only. Throws `DB-001` when it does not exist, `DB-002` when it is not a
    /// readable advisory database, `DB-005` when its schema version is not one this build reads
    /// (``AdvisorySchema/readable``).
    public init(path: String) throws(SpoolscanError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            throw SpoolscanError(.dbMissing, "\(path); run `spoolscan db import` or `spoolscan db update`")
        }
        do { db = try SQLiteDatabase(path: path, mode: .readOnly) } catch {
            throw SpoolscanError(.dbCorrupt, "\(path): \(error.message)")
        }
        // Imports never write this file (they rename a new one over it), so the shared lock can be
        // kept for the connection's life instead of being taken per query; pages are memory-mapped.
        try? db.execute("PRAGMA locking_mode = EXCLUSIVE; PRAGMA mmap_size = 268435456;")
        guard let version = AdvisorySchema.storedVersion(db) else {
            throw SpoolscanError(.dbCorrupt, "\(path): not an advisory database")
        }
        guard AdvisorySchema.readable.contains(version) else {
            throw SpoolscanError(.dbSchema, "\(path) has schema \(version); this spoolscan reads \(AdvisorySchema.readable.lowerBound)–\(AdvisorySchema.readable.upperBound)")
        }
        let published = AdvisorySchema.hasColumn(db, table: "advisories", column: "published") ? "published" : "NULL"
        storesCVSS = AdvisorySchema.hasColumn(db, table: "advisories", column: "cvss_vector")
        let cvss = storesCVSS ? "cvss_vector, cvss_score" : "cvss, NULL"
        advisoryQuery = "SELECT source, id, aliases, summary, severity, \(cvss), refs, \(published) FROM advisories WHERE rowid = ?"
    }

    /// The database path used when none is given: `$SPOOLSCAN_DB`; else
    /// `/var/lib/spoolscan/advisories.db` when that file is readable or its folder writable; else
    /// `~/.cache/spoolscan/advisories.db`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["SPOOLSCAN_DB"], !path.isEmpty { return path }
        let system = "/var/lib/spoolscan/advisories.db"
        if access(system, R_OK) == 0 || access("/var/lib/spoolscan", W_OK) == 0 { return system }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.cache/spoolscan/advisories.db"
    }

    /// Everything `db info` shows.
    public func summary() throws(SpoolscanError) -> DatabaseSummary {
        try locked { () throws(SQLiteError) -> DatabaseSummary in
            let meta = try db.prepare("SELECT key, value FROM meta")
            var values: [String: String] = [:]
            while try meta.step() { values[meta.string(0) ?? ""] = meta.string(1) ?? "" }
            let statement = try db.prepare(
                "SELECT name, imported_at, records, ignored_git_ranges, skipped_withdrawn, origin FROM sources ORDER BY name")
            var sources: [DatabaseSummary.Source] = []
            while try statement.step() {
                sources.append(.init(name: statement.string(0) ?? "", importedAt: statement.string(1) ?? "",
                                     records: Int(statement.int(2)), ignoredGitRanges: Int(statement.int(3)),
                                     skippedWithdrawn: Int(statement.int(4)), origin: statement.string(5) ?? ""))
            }
            // Databases built before the newest record date was kept in `meta` compute it here.
            var newest = values["newest_record"]
            if newest == nil {
                let max = try db.prepare("SELECT MAX(modified) FROM advisories")
                if try max.step() { newest = max.string(0) }
            }
            return DatabaseSummary(path: path, builtAt: values["built_at"] ?? "",
                                   schemaVersion: Int(values["schema_version"] ?? "") ?? 0, sources: sources,
                                   newestRecord: newest.flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    /// The database's description for a report's `database` field.
    public func info(matchedAt: Date = Date()) throws(SpoolscanError) -> DatabaseInfo {
        try summary().databaseInfo(matchedAt: matchedAt)
    }

    /// A warning when the database was built, or its newest advisory record was modified, more
    /// than `maxAgeDays` days before `now` (``DatabaseSummary/staleWarning(maxAgeDays:now:)``), else nil.
    public func staleWarning(maxAgeDays: Int = 7, now: Date = Date()) -> ReportWarning? {
        guard let summary = try? summary() else { return nil }
        return summary.staleWarning(maxAgeDays: maxAgeDays, now: now)
    }

    /// The affected-package rows for one package name in one ecosystem and release.
    func candidates(ecosystem: Ecosystem, release: String, name: String) throws(SpoolscanError) -> [StoredAffected] {
        try locked { () throws(SQLiteError) -> [StoredAffected] in
            if candidatesStatement == nil {
                candidatesStatement = try db.prepare(
                    "SELECT advisory, status, ranges, versions, severity FROM affected WHERE ecosystem = ? AND release = ? AND package = ?")
            }
            let statement = candidatesStatement!
            statement.bind(1, ecosystem.rawValue)
            statement.bind(2, release)
            statement.bind(3, name)
            var rows: [StoredAffected] = []
            while try statement.step() {
                rows.append(StoredAffected(
                    advisory: statement.int(0),
                    status: AdvisoryStatus(rawValue: statement.string(1) ?? "") ?? .affected,
                    ranges: statement.string(2) ?? "", versions: statement.string(3) ?? "", severity: statement.string(4)))
            }
            statement.reset()
            return rows
        }
    }

    /// The advisory with database row `rowID` (cached).
    func advisory(_ rowID: Int64) throws(SpoolscanError) -> StoredAdvisory? {
        try locked { () throws(SQLiteError) -> StoredAdvisory? in
            if let cached = advisoryCache[rowID] { return cached }
            if advisoryStatement == nil { advisoryStatement = try db.prepare(advisoryQuery) }
            let statement = advisoryStatement!
            statement.bind(1, rowID)
            guard try statement.step() else { statement.reset(); return nil }
            let cvss: CVSS?
            if storesCVSS {
                cvss = statement.string(5).map { CVSS(vector: $0, score: statement.isNull(6) ? nil : statement.double(6)) }
            } else {
                let vectors = statement.string(5) ?? ""
                if let known = cvssCache[vectors] { cvss = known } else {
                    cvss = SeverityResolver.cvss(RangeCodec.decodeList(vectors))
                    cvssCache[vectors] = cvss
                }
            }
            let id = statement.string(1) ?? "", aliases = RangeCodec.decodeList(statement.string(2) ?? "")
            let advisory = StoredAdvisory(
                source: statement.string(0) ?? "", id: id, aliases: aliases, ids: [id] + aliases, summary: statement.string(3),
                statedSeverity: statement.string(4),
                cvss: cvss,
                references: RangeCodec.decodeList(statement.string(7) ?? "", distinctLimit: FindingMerger.referenceLimit),
                published: statement.string(8))
            statement.reset()
            advisoryCache[rowID] = advisory
            return advisory
        }
    }

    func locked<T>(_ body: () throws(SQLiteError) -> T) throws(SpoolscanError) -> T {
        lock.lock()
        defer { lock.unlock() }
        do { return try body() } catch { throw SpoolscanError(.dbCorrupt, "\(path): \(error.message)") }
    }
}

/// One `affected` row as stored.
struct StoredAffected {
    var advisory: Int64
    var status: AdvisoryStatus
    var ranges: String
    var versions: String
    var severity: String?
}

/// One `advisories` row as stored: a reference, as each is cached and shared by the findings of
/// every package it affects (copying a value would retain each of its strings and lists).
final class StoredAdvisory: Sendable {
    let source: String
    let id: String
    let aliases: [String]
    /// `id`, then `aliases`.
    let ids: [String]
    let summary: String?
    let statedSeverity: String?
    /// The advisory's CVSS vector to report, with its v3 base score (computed once).
    let cvss: CVSS?
    /// The first ``FindingMerger/referenceLimit`` distinct references, in order (a finding never reports more).
    let references: [String]
    /// RFC 3339, when the feed gives it.
    let published: String?

    init(source: String, id: String, aliases: [String], ids: [String], summary: String?, statedSeverity: String?,
         cvss: CVSS?, references: [String], published: String?) {
        self.source = source; self.id = id; self.aliases = aliases; self.ids = ids; self.summary = summary
        self.statedSeverity = statedSeverity; self.cvss = cvss; self.references = references; self.published = published
    }
}
