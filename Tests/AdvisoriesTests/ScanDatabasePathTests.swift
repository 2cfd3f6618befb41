import Foundation
import Testing
@testable import Advisories

/// Which database a one-off `scan` uses without `--db`.
@Suite struct ScanDatabasePathTests {
    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/var/lib/spoolscan"),
                   "/var/lib/spoolscan exists here: the default database would be the system one"))
    func flagThenVariableThenExistingDefault() throws {
        let folder = TemporaryFolder()
        let home = folder.path + "/home"
        let environment = ["HOME": home]
        let fallback = AdvisoryDatabase.defaultPath(environment: environment)
        #expect(fallback == home + "/.cache/spoolscan/advisories.db")
        // Nothing at the default path: no database.
        #expect(AdvisoryDatabase.pathForScan(given: nil, environment: environment) == nil)
        // The flag and the variable win, even when their file is missing (the scan then says so).
        #expect(AdvisoryDatabase.pathForScan(given: "/x/given.db", environment: environment) == "/x/given.db")
        #expect(AdvisoryDatabase.pathForScan(given: nil, environment: ["HOME": home, "SPOOLSCAN_DB": "/x/env.db"]) == "/x/env.db")
        #expect(AdvisoryDatabase.pathForScan(given: "/x/given.db", environment: ["HOME": home, "SPOOLSCAN_DB": "/x/env.db"]) == "/x/given.db")
        // Once a database exists at the default path, it is used.
        folder.write("home/.cache/spoolscan/advisories.db", "")
        #expect(AdvisoryDatabase.pathForScan(given: nil, environment: environment) == fallback)
        #expect(AdvisoryDatabase.pathForScan(given: nil, environment: ["HOME": home, "SPOOLSCAN_DB": ""]) == fallback)
    }
}
