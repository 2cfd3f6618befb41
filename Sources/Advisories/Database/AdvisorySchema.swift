import SQLiteDB

/// The advisory database's tables.
///
/// - `meta(key, value)`: `schema_version`, `built_at` (RFC 3339 UTC).
/// - `sources(name, imported_at, records, ignored_git_ranges, skipped_withdrawn, origin)`: one row per feed.
/// - `advisories(rowid, source, id, aliases, summary, severity, cvss, refs, modified, published,
///   cvss_vector, cvss_score)`: one row per advisory per feed; list columns hold U+001F-separated
///   values. `published` was added within schema version 1: imports add it to older files, readers
///   treat its absence as NULL. Version 2 adds the CVSS vector a finding reports and its base score
///   (``SeverityResolver/cvss(_:)``, chosen and scored once at import instead of at every match):
///   imports fill them in for a version 1 file; readers score version 1 files while matching.
/// - `affected(advisory, ecosystem, release, package, status, ranges, versions, severity)`: what an
///   advisory says about one package; looked up by `(ecosystem, release, package)`.
enum AdvisorySchema {
    /// Bumped when a table changes; imports write this version (upgrading older files).
    static let version = 2
    /// The versions readers accept; others are refused (`DB-005`).
    static let readable = 1...2

    static let tables = """
        CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS sources(name TEXT PRIMARY KEY, imported_at TEXT NOT NULL,
            records INTEGER NOT NULL, ignored_git_ranges INTEGER NOT NULL DEFAULT 0,
            skipped_withdrawn INTEGER NOT NULL DEFAULT 0, origin TEXT);
        CREATE TABLE IF NOT EXISTS advisories(rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL,
            aliases TEXT NOT NULL, summary TEXT, severity TEXT, cvss TEXT NOT NULL, refs TEXT NOT NULL, modified TEXT,
            published TEXT, cvss_vector TEXT, cvss_score REAL);
        CREATE TABLE IF NOT EXISTS affected(advisory INTEGER NOT NULL, ecosystem TEXT NOT NULL, release TEXT NOT NULL,
            package TEXT NOT NULL, status TEXT NOT NULL, ranges TEXT NOT NULL, versions TEXT NOT NULL, severity TEXT);
        """

    /// Indexes, created after a bulk load.
    static let indexes = """
        CREATE UNIQUE INDEX IF NOT EXISTS advisories_source_id ON advisories(source, id);
        CREATE INDEX IF NOT EXISTS affected_lookup ON affected(ecosystem, release, package);
        CREATE INDEX IF NOT EXISTS affected_advisory ON affected(advisory);
        """

    static let dropIndexes = """
        DROP INDEX IF EXISTS advisories_source_id;
        DROP INDEX IF EXISTS affected_lookup;
        DROP INDEX IF EXISTS affected_advisory;
        """

    /// Whether `table` has `column` (`published` is missing in files written before it was added).
    static func hasColumn(_ db: SQLiteDatabase, table: String, column: String) -> Bool {
        guard let statement = try? db.prepare("PRAGMA table_info(\(table))") else { return false }
        while (try? statement.step()) == true {
            if statement.string(1) == column { return true }
        }
        return false
    }

    /// Adds the columns introduced since a file was written: `published`, and version 2's chosen
    /// CVSS vector and score, computed for the rows already there.
    static func addMissingColumns(_ db: SQLiteDatabase) throws {
        if !hasColumn(db, table: "advisories", column: "published") {
            try db.execute("ALTER TABLE advisories ADD COLUMN published TEXT")
        }
        if !hasColumn(db, table: "advisories", column: "cvss_vector") {
            try db.execute("ALTER TABLE advisories ADD COLUMN cvss_vector TEXT; ALTER TABLE advisories ADD COLUMN cvss_score REAL;")
            let rows = try db.prepare("SELECT rowid, cvss FROM advisories")
            let update = try db.prepare("UPDATE advisories SET cvss_vector = ?, cvss_score = ? WHERE rowid = ?")
            while try rows.step() {
                let cvss = SeverityResolver.cvss(RangeCodec.decodeList(rows.string(1) ?? ""))
                try update.run([cvss.map { .text($0.vector) } ?? .null, cvss?.score.map { .real($0) } ?? .null,
                                .integer(rows.int(0))])
            }
        }
    }

    /// Reads `meta.schema_version`; nil when the table or row is missing.
    static func storedVersion(_ db: SQLiteDatabase) -> Int? {
        guard let statement = try? db.prepare("SELECT value FROM meta WHERE key = 'schema_version'"),
              (try? statement.step()) == true, let text = statement.string(0) else { return nil }
        return Int(text)
    }
}
