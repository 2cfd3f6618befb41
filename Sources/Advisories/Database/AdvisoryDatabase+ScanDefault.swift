import Foundation

extension AdvisoryDatabase {
    /// The database a one-off `spoolscan scan` matches against: `given` (`--db`), else
    /// `$SPOOLSCAN_DB` (used even when missing, so a wrong setting is reported), else the default
    /// path (`/var/lib/spoolscan/advisories.db` or `~/.cache/spoolscan/advisories.db`) when a
    /// database exists there; nil when there is none.
    public static func pathForScan(given: String?,
                                   environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let given { return given }
        if let variable = environment["SPOOLSCAN_DB"], !variable.isEmpty { return variable }
        let fallback = defaultPath(environment: environment)
        return FileManager.default.fileExists(atPath: fallback) ? fallback : nil
    }
}
