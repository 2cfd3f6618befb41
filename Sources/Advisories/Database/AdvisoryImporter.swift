import Foundation
import ScanReport
import SQLiteDB
import SpoolscanCore

/// Builds or extends the advisory database from feed files.
///
/// The new database is written to a temporary file next to the target (a copy of the existing
/// database, so import adds to it), in one transaction with reused prepared statements, indexes
/// created after the load, then `ANALYZE`; the file uses a rollback journal (not WAL) so read-only
/// opens always work, is fsynced, and is `rename()`d into place: readers see the old database or
/// the new one, never a half-built one. Re-importing a feed replaces that feed's rows.
public struct AdvisoryImporter: Sendable {
    /// Where the database lives.
    public let databasePath: String

    /// An importer for the database at `databasePath` (created, with its folder, if missing).
    public init(databasePath: String) { self.databasePath = databasePath }

    /// The outcome of one import.
    public struct Result: Sendable {
        /// The feeds this import wrote, with their new record counts.
        public var sources: [DatabaseSource]
        /// Files inside folders that were not feeds.
        public var warnings: [String]
        /// Wall-clock seconds the import took.
        public var seconds: Double
    }

    /// Imports every feed found at `paths` (files or folders). Throws `DB-009` (and changes
    /// nothing) when a path holds no advisory records at all (withdrawn ones count as records
    /// here) unless `everyPathMustYield` is false, and when all paths together yield no record
    /// to store.
    public func importFeeds(_ paths: [String], everyPathMustYield: Bool = true,
                            now: Date = Date()) throws(SpoolscanError) -> Result {
        let started = Date()
        let folder = (databasePath as NSString).deletingLastPathComponent
        let name = (databasePath as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\(name).\(getpid()).tmp"
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            unlink(temporary)
            if FileManager.default.fileExists(atPath: databasePath) {
                try FileManager.default.copyItem(atPath: databasePath, toPath: temporary)
            }
        } catch {
            throw SpoolscanError(.dbCorrupt, "cannot prepare \(temporary): \(error.localizedDescription)")
        }
        do {
            let (sources, warnings) = try build(temporary, paths: paths, everyPathMustYield: everyPathMustYield, now: now)
            try Self.fsync(temporary)
            guard rename(temporary, databasePath) == 0 else {
                throw SpoolscanError(.dbCorrupt, "rename to \(databasePath): \(String(cString: strerror(errno)))")
            }
            try? Self.fsync(folder.isEmpty ? "." : folder)
            return Result(sources: sources, warnings: warnings, seconds: Date().timeIntervalSince(started))
        } catch let error as SpoolscanError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            throw SpoolscanError(.dbCorrupt, "\(temporary): \(error)")
        }
    }

    private func build(_ path: String, paths: [String], everyPathMustYield: Bool,
                       now: Date) throws -> ([DatabaseSource], [String]) {
        let db = try SQLiteDatabase(path: path, mode: .create)
        try db.execute("PRAGMA journal_mode = DELETE; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;")
        try db.execute(AdvisorySchema.tables)
        if let stored = AdvisorySchema.storedVersion(db), !AdvisorySchema.readable.contains(stored) {
            throw SpoolscanError(.dbSchema, "\(databasePath) has schema \(stored), this spoolscan writes \(AdvisorySchema.version); remove it and import again")
        }
        try AdvisorySchema.addMissingColumns(db)
        let importedAt = Timestamp.string(now)
        var warnings: [String] = []
        let writer = try db.transaction { () throws -> AdvisoryWriter in
            try db.execute(AdvisorySchema.dropIndexes)
            let writer = try AdvisoryWriter(db: db)
            for feed in paths {
                let before = writer.recordsSeen + writer.withdrawnSeen
                let skipped = try FeedReader.read(path: feed, into: writer)
                warnings += skipped
                if everyPathMustYield && writer.recordsSeen + writer.withdrawnSeen == before {
                    throw Self.empty(feed, skipped: skipped)
                }
            }
            if writer.recordsSeen == 0 { throw Self.empty(paths.joined(separator: ", "), skipped: warnings) }
            try db.execute(AdvisorySchema.indexes)
            try writer.finish(importedAt: importedAt)
            let meta = try db.prepare("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)")
            try meta.run([.text("schema_version"), .text(String(AdvisorySchema.version))])
            try meta.run([.text("built_at"), .text(importedAt)])
            let newest = try db.prepare("SELECT COALESCE(MAX(modified), '') FROM advisories")
            _ = try newest.step()
            try meta.run([.text("newest_record"), .text(newest.string(0) ?? "")])
            return writer
        }
        try db.execute("ANALYZE")
        let sources = writer.stats.keys.sorted().map { name -> DatabaseSource in
            let count = try? db.prepare("SELECT records FROM sources WHERE name = ?")
            count?.bind(1, name)
            let records = ((try? count?.step()) ?? false) ? Int(count!.int(0)) : 0
            return DatabaseSource(name: name, importedAt: importedAt, records: records)
        }
        return (sources, warnings)
    }

    /// `DB-009` for a path that yielded no records, naming what was skipped in it.
    static func empty(_ path: String, skipped: [String]) -> SpoolscanError {
        var detail = "\(path): no advisory records found; nothing was imported"
        if !skipped.isEmpty { detail += " (\(skipped.count) file(s) skipped: \(skipped.prefix(3).joined(separator: "; ")))" }
        return SpoolscanError(.dbImportEmpty, detail)
    }

    static func fsync(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw SpoolscanError(.dbCorrupt, "open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        _ = Foundation.fsync(fd)
    }
}
