import Testing
@testable import SharedQueue
import SpoolscanCore

@Suite struct QueueURLTests {
    @Test func acceptsPostgresURLsAndRefusesOthersWithHNDL026() throws {
        #expect(try QueueURL("postgres://u@db:5432/spool").value == "postgres://u@db:5432/spool")
        #expect(try QueueURL("postgresql:///spool?host=/run/postgresql").value.hasPrefix("postgresql:"))
        for bad in ["", "mysql://x/y", "db.example.com", "postgres://"] {
            #expect(throws: SpoolscanError(.queueURLInvalid, "expected postgres://[user[:password]@]host[:port]/database[?…], got \(QueueURL.redact(bad))")) {
                _ = try QueueURL(bad)
            }
        }
    }

    @Test func passwordsNeverShowInItsDescription() throws {
        #expect(try QueueURL("postgres://scan:s3cret@db/spool").description == "postgres://scan:***@db/spool")
        #expect(try QueueURL("postgres://db/spool?user=scan&password=s3cret&sslmode=require").description
                == "postgres://db/spool?user=scan&password=***&sslmode=require")
        #expect(!QueueURL.redact("mysql://root:hunter2@x").contains("hunter2"))
    }

    @Test func arrayLiteralsEscapeQuotesAndBackslashes() {
        #expect(PGArray.text(["a", "b\"c", "d\\e", "f,g"]) == #"{"a","b\"c","d\\e","f,g"}"#)
        #expect(PGArray.integers([1, -2]) == "{1,-2}")
    }
}
