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

    /// One ecosystem and release the database holds advisories for.
    public struct Coverage: Codable, Sendable, Equatable {
        /// As OSV names it: `Debian`, `Alpine`, `PyPI`.
        public var ecosystem: String
        /// The distribution release (`12`, `3.20`); nil for language ecosystems.
        public var release: String?
        public var advisories: Int
        /// The newest `modified` date among those advisories; nil when the feed has no dates.
        public var newestRecord: String?
    }

    public var path: String
    public var builtAt: String
    public var schemaVersion: Int
    public var sources: [Source]
    /// The newest `modified` date of any advisory record: the age of the data itself (an import
    /// today of a mirror copied a year ago is a year old). Nil when no feed records dates.
    public var newestRecord: String?
    /// What the database covers; filled by `db info` only (it reads the whole table).
    public var coverage: [Coverage]?

    /// Whole days between `builtAt` and `now`; nil when `builtAt` cannot be read.
    public func ageDays(now: Date = Date()) -> Int? {
        guard let built = Timestamp.parse(builtAt) else { return nil }
        return Int(now.timeIntervalSince(built) / 86_400)
    }

    /// Whole days between the newest record's `modified` date and `now` (0 for a date after
    /// `now`); nil when unknown.
    public func dataAgeDays(now: Date = Date()) -> Int? {
        guard let newestRecord, let date = Timestamp.parseDay(newestRecord) else { return nil }
        return max(0, Int(now.timeIntervalSince(date) / 86_400))
    }

    /// A `DB-004` warning when the database is stale: built more than `maxAgeDays` days before
    /// `now`, or its newest advisory record modified more than `maxAgeDays` days before `now`
    /// (feeds without record dates, such as Alpine secdb and the Debian tracker, count by their
    /// import time only).
    public func staleWarning(maxAgeDays: Int, now: Date = Date()) -> ReportWarning? {
        guard let built = Timestamp.parse(builtAt) else { return ReportWarning(.dbStale, "build date unknown") }
        let age = now.timeIntervalSince(built) / 86_400
        if age > Double(maxAgeDays) {
            return ReportWarning(.dbStale, "built \(builtAt), \(Int(age)) days ago (maximum \(maxAgeDays)); run `spoolscan db update`")
        }
        if let newestRecord, let dataAge = dataAgeDays(now: now), dataAge > maxAgeDays {
            return ReportWarning(.dbStale, "newest advisory record is from \(newestRecord.prefix(10)), \(dataAge) days old (maximum \(maxAgeDays)); the feeds it was built from are out of date: refresh the mirror and run `spoolscan db update`")
        }
        return nil
    }

    /// The report's view of the database.
    public func databaseInfo(matchedAt: Date) -> DatabaseInfo {
        DatabaseInfo(path: path, builtAt: builtAt, schemaVersion: schemaVersion,
                     sources: sources.map { DatabaseSource(name: $0.name, importedAt: $0.importedAt, records: $0.records) },
                     matchedAt: Timestamp.string(matchedAt))
    }
}
