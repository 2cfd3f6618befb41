import ScanReport
import SQLiteDB
import SpoolscanCore

extension AdvisoryDatabase {
    /// Whether the database holds any advisory for `ecosystem` in `release` (`""` for language
    /// ecosystems). One indexed lookup per pair, cached for the connection's life.
    public func covers(_ ecosystem: Ecosystem, release: String) throws(SpoolscanError) -> Bool {
        try locked { () throws(SQLiteError) -> Bool in
            let key = ecosystem.rawValue + "\u{1F}" + release
            if let known = coverageCache[key] { return known }
            let statement = try db.cached("SELECT 1 FROM affected WHERE ecosystem = ? AND release = ? LIMIT 1")
            statement.bind(1, ecosystem.rawValue)
            statement.bind(2, release)
            let found = try statement.step()
            statement.reset()
            coverageCache[key] = found
            return found
        }
    }

    /// Every ecosystem and release the database holds advisories for, with the number of
    /// advisories and the newest record's `modified` date (`db info`). Reads the whole
    /// `affected` table: meant for `db info`, not for every scan.
    public func coverage() throws(SpoolscanError) -> [DatabaseSummary.Coverage] {
        try locked { () throws(SQLiteError) -> [DatabaseSummary.Coverage] in
            let statement = try db.prepare("""
                SELECT f.ecosystem, f.release, COUNT(DISTINCT f.advisory), MAX(a.modified)
                FROM affected f JOIN advisories a ON a.rowid = f.advisory
                GROUP BY f.ecosystem, f.release ORDER BY f.ecosystem, f.release
                """)
            var rows: [DatabaseSummary.Coverage] = []
            while try statement.step() {
                let release = statement.string(1) ?? ""
                rows.append(.init(ecosystem: statement.string(0) ?? "", release: release.isEmpty ? nil : release,
                                  advisories: Int(statement.int(2)), newestRecord: statement.string(3)))
            }
            return rows
        }
    }
}
