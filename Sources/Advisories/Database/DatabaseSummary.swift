import Foundation
import ScanReport
import SpoolscanCore

/// What the advisory database holds: its build date, schema and feeds (`spoolscan db info`).
public struct DatabaseSummary: Codable, Sendable, Equatable {
    /// One feed in the database.
    public struct Source: Codable, Sendable, Equatable {
        public var name: String
        public var importedAt: String
        public var records: Int
        /// OSV `GIT` ranges that were not imported (commit ranges cannot match installed versions).
        public var ignoredGitRanges: Int
        public var skippedWithdrawn: Int
        /// The files it was imported from.
        public var origin: String
    }

    public var path: String
    public var builtAt: String
    public var schemaVersion: Int
    public var sources: [Source]

    /// Whole days between `builtAt` and `now`; nil when `builtAt` cannot be read.
    public func ageDays(now: Date = Date()) -> Int? {
        guard let built = Timestamp.parse(builtAt) else { return nil }
        return Int(now.timeIntervalSince(built) / 86_400)
    }

    /// A `DB-004` warning when the database is older than `maxAgeDays`.
    public func staleWarning(maxAgeDays: Int, now: Date = Date()) -> ReportWarning? {
        guard let built = Timestamp.parse(builtAt) else { return ReportWarning(.dbStale, "build date unknown") }
        let age = now.timeIntervalSince(built) / 86_400
        guard age > Double(maxAgeDays) else { return nil }
        return ReportWarning(.dbStale, "built \(builtAt), \(Int(age)) days ago (maximum \(maxAgeDays)); run `spoolscan db update`")
    }

    /// The report's view of the database.
    public func databaseInfo(matchedAt: Date) -> DatabaseInfo {
        DatabaseInfo(path: path, builtAt: builtAt, schemaVersion: schemaVersion,
                     sources: sources.map { DatabaseSource(name: $0.name, importedAt: $0.importedAt, records: $0.records) },
                     matchedAt: Timestamp.string(matchedAt))
    }
}
