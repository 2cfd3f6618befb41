import Foundation
import ScanReport
import Testing
@testable import ReportFormats

@Suite struct SARIFWriterTests {
    let run: [String: Any]
    let rules: [[String: Any]]
    let results: [[String: Any]]

    init() throws {
        let log = try SampleReport.json(ReportFormat.sarif.render(SampleReport.report()))
        #expect(log.string("version") == "2.1.0")
        run = try #require(log.array("runs").first)
        rules = run.object("tool")?.object("driver")?.array("rules") ?? []
        results = run.array("results")
    }

    func rule(_ id: String) -> [String: Any]? { rules.first { $0.string("id") == id } }
    func uris(_ result: [String: Any]) -> [String] {
        result.array("locations").compactMap { $0.object("physicalLocation")?.object("artifactLocation")?.string("uri") }
    }

    @Test func oneRulePerAdvisorySecretRuleMalwareRuleAndCheck() {
        #expect(rules.map { $0.string("id")! } == ["CVE-2024-2961", "CVE-2023-32681", "CVE-2018-18074", "aws-access-key-id", "github-pat",
                                                  "builtin/EICAR_test_file", "CIS-DI-0001", "CIS-DI-0008"])
        #expect(results.count == 3 + 3 + 1 + 2)
        for result in results {
            let index = result["ruleIndex"] as! Int
            #expect(rules[index].string("id") == result.string("ruleId"))
            #expect(!result.array("locations").isEmpty)
            #expect(result.object("partialFingerprints")?.string("spoolscanFindingId/v1") != nil)
        }
    }

    @Test func securitySeverityAndLevels() {
        #expect(rule("CVE-2024-2961")?.object("properties")?.string("security-severity") == "9.8")
        #expect(rule("CVE-2023-32681")?.object("properties")?.string("security-severity") == "5.5")
        #expect(rule("CVE-2018-18074")?.object("properties")?.string("security-severity") == "0.0")
        #expect(rule("aws-access-key-id")?.object("properties")?.string("security-severity") == "9.5")
        #expect(rule("aws-access-key-id")?.object("properties")?.string("precision") == "high")
        #expect(rule("CVE-2024-2961")?.object("defaultConfiguration")?.string("level") == "error")
        #expect(results.first { $0.string("ruleId") == "CVE-2023-32681" }?.string("level") == "warning")
        #expect(results.first { $0.string("ruleId") == "CVE-2018-18074" }?.string("level") == "note")
        #expect(results.first { $0.string("ruleId") == "builtin/EICAR_test_file" }?.string("level") == "error")
    }

    @Test func locationsAreFilePathsInsideTheImage() throws {
        let secrets = results.filter { $0.string("ruleId") == "aws-access-key-id" }
        #expect(uris(secrets[0]) == ["app/config/my%20settings.env"])
        #expect(secrets[0].array("locations").first?.object("physicalLocation")?.object("region")?["startLine"] as? Int == 3)
        #expect(uris(secrets[1]) == ["root/.aws/credentials"])
        let env = try #require(results.first { $0.string("ruleId") == "github-pat" })
        let imageURI = "registry.example%3A5000/team/app%3A1.0"
        #expect(uris(env) == [imageURI])
        #expect(env.array("locations").first?.array("logicalLocations").first?.string("name") == "config:Env")
        #expect(uris(try #require(results.first { $0.string("ruleId") == "builtin/EICAR_test_file" })) == ["tmp/eicar.com"])
        #expect(uris(try #require(results.first { $0.string("ruleId") == "CIS-DI-0008" })) == ["usr/bin/su", "usr/bin/passwd"])
        #expect(uris(try #require(results.first { $0.string("ruleId") == "CIS-DI-0001" })) == [imageURI])
        #expect(uris(try #require(results.first { $0.string("ruleId") == "CVE-2024-2961" })) == ["var/lib/dpkg/status"])
    }

    @Test func suppressedFindingsAreMarkedNotDropped() throws {
        let vex = try #require(results.first { $0.string("ruleId") == "CVE-2024-2961" })
        let suppression = try #require(vex.array("suppressions").first)
        #expect(suppression.string("kind") == "external")
        #expect(suppression.string("status") == "accepted")
        #expect(suppression.string("justification")?.contains("vulnerable_code_not_in_execute_path") == true)
        let ignored = try #require(results.first { $0.string("ruleId") == "CVE-2023-32681" })
        #expect(ignored.array("suppressions").first?.string("justification")?.contains("until 2027-01-31") == true)
        #expect(results.first { $0.string("ruleId") == "CVE-2018-18074" }?["suppressions"] == nil)
    }

    @Test func secretMessagesHoldOnlyTheRedactedMatch() throws {
        let text = String(decoding: try ReportFormat.sarif.render(SampleReport.report()), as: UTF8.self)
        #expect(text.contains("AKIA****"))
        #expect(text.range(of: "AKIA[A-Z0-9]{4}", options: .regularExpression) == nil)
    }
}
