import Testing
import ImageScanner

/// `--scanners` names and trivy's words for them.
@Suite struct ScannerSelectionTests {
    @Test func namesAndAliases() throws {
        #expect(try ScannerSelection(parsing: "packages,secrets,malware,misconfig") == .all)
        #expect(try ScannerSelection(parsing: "vuln") == ScannerSelection(packages: true, secrets: false, malware: false, misconfig: false))
        #expect(try ScannerSelection(parsing: "license") == ScannerSelection(parsing: "packages"))
        #expect(try ScannerSelection(parsing: " Secret , config ") == ScannerSelection(packages: false, secrets: true, malware: false, misconfig: true))
        #expect(try ScannerSelection(parsing: "vuln,secret,misconfig,license")
                == ScannerSelection(packages: true, secrets: true, malware: false, misconfig: true))
    }

    @Test func detectorOptionsFollowTheSelection() throws {
        #expect(try ScannerSelection(parsing: "vuln").detectorOptions(configFile: nil) == nil)
        let options = try #require(try ScannerSelection(parsing: "secret,malware").detectorOptions(configFile: "d.json"))
        #expect(options.secrets && options.malware && !options.misconfigurations && options.configFile == "d.json")
    }

    @Test func unknownAndEmptyListsAreRefused() {
        let typo = #expect(throws: ScannerSelection.UnknownName.self) { try ScannerSelection(parsing: "vuln,secrts") }
        #expect(typo?.description.contains("unknown scanner 'secrts' (did you mean 'secrets'?)") == true)
        #expect(typo?.description.contains("accepted: packages, secrets, malware, misconfig, config, license, secret, vuln") == true)
        #expect(throws: ScannerSelection.UnknownName.self) { try ScannerSelection(parsing: " , ") }
        #expect(throws: ScannerSelection.UnknownName.self) { try ScannerSelection(parsing: "rbac") }
    }
}
