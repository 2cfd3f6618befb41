import Foundation
import Testing
import TestSupport

/// One flag name for one thing on every command: `--max-db-age-days` (the old `--max-age-days`
/// still works, hidden), `-f` for the output format, `-o` for the output file, `-q` where a
/// command prints progress.
@Suite struct FlagConsistencyTests {
    static func help(_ command: [String]) throws -> String {
        let (status, output, errors) = try CodedErrorLineTests.run(command + ["--help"])
        #expect(status == 0, "\(command): \(errors)")
        return output
    }

    @Test func databaseAgeHasOneName() throws {
        for command in [["scan"], ["watch"], ["sweep"], ["rematch"], ["db", "info"]] {
            let text = try Self.help(command)
            #expect(text.contains("--max-db-age-days"), "\(command)")
            #expect(!text.contains("--max-age-days"), "\(command) still shows the old name")
        }
    }

    @Test func oldAgeNameStillWorksAndBothAreChecked() throws {
        try TemporaryDirectory.with { dir in
            try Data(CommandLineTests.advisory.utf8).write(to: URL(fileURLWithPath: dir.path("advisory.json")))
            let db = dir.path("a.db")
            let (imported, _, importErrors) = try CodedErrorLineTests.run(["db", "import", "-q", dir.path("advisory.json"), "--db", db])
            #expect(imported == 0, "\(importErrors)")
            for flag in ["--max-age-days", "--max-db-age-days"] {
                let (status, output, errors) = try CodedErrorLineTests.run(["db", "info", "--db", db, flag, "3", "-f", "json"])
                #expect(status == 0, "\(flag): \(errors)")
                #expect((try? JSONSerialization.jsonObject(with: Data(output.utf8))) is [String: Any], "\(flag)")
                let (refused, _, refusal) = try CodedErrorLineTests.run(["db", "info", "--db", db, flag, "0"])
                #expect(refused == 1)
                CodedErrorLineTests.expectOneCodedLine(refusal, "CONF-007")
            }
        }
    }

    @Test func shortFlags() throws {
        let scan = try Self.help(["scan"])
        #expect(scan.contains("-f, --format") && scan.contains("-o, --output"))
        for command in [["status"], ["db", "info"], ["report", "diff"]] {
            #expect(try Self.help(command).contains("-f, --format"), "\(command)")
        }
        for command in [["db", "import"], ["db", "update"], ["sweep"], ["rematch"]] {
            #expect(try Self.help(command).contains("-q, --quiet"), "\(command)")
        }
        for command in [["watch"], ["sweep"], ["status"]] {
            #expect(try Self.help(command).contains("--config"), "\(command)")
        }
    }

    @Test func quietImportPrintsNothing() throws {
        try TemporaryDirectory.with { dir in
            try Data(CommandLineTests.advisory.utf8).write(to: URL(fileURLWithPath: dir.path("advisory.json")))
            let (loud, loudOutput, _) = try CodedErrorLineTests.run(["db", "import", dir.path("advisory.json"), "--db", dir.path("a.db")])
            #expect(loud == 0 && loudOutput.contains("imported into"))
            let (quiet, quietOutput, _) = try CodedErrorLineTests.run(["db", "import", "--quiet", dir.path("advisory.json"),
                                                                       "--db", dir.path("b.db")])
            #expect(quiet == 0)
            #expect(quietOutput.isEmpty, "\(quietOutput)")
        }
    }

    @Test func dbInfoJSONUsesBooleans() throws {
        try TemporaryDirectory.with { dir in
            try Data(CommandLineTests.advisory.utf8).write(to: URL(fileURLWithPath: dir.path("advisory.json")))
            let db = dir.path("a.db")
            _ = try CodedErrorLineTests.run(["db", "import", "-q", dir.path("advisory.json"), "--db", db])
            let (status, output, errors) = try CodedErrorLineTests.run(["db", "info", "--db", db, "--json"])
            #expect(status == 0, "\(errors)")
            // The record's dates are from 2024: older than 7 days, so stale; PyPI is covered.
            #expect(output.contains("\"isStale\" : true") || output.contains("\"isStale\":true"), "\(output)")
            #expect(output.contains("\"hasCoverage\" : true") || output.contains("\"hasCoverage\":true"), "\(output)")
            #expect((try? JSONSerialization.jsonObject(with: Data(output.utf8))) is [String: Any])
            let (fresh, freshOutput, _) = try CodedErrorLineTests.run(["db", "info", "--db", db, "-f", "json", "--max-db-age-days", "36500"])
            #expect(fresh == 0)
            #expect(freshOutput.contains("\"isStale\" : false") || freshOutput.contains("\"isStale\":false"), "\(freshOutput)")
        }
    }
}
