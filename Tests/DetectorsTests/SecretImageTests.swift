import Foundation
import Testing
import ImageReader
import ScanReport
import SpoolscanCore
@testable import Detectors

@Suite("Secrets across layers, config and config file")
struct SecretImageTests {
    let token = "glpat-" + Fake.alnum(20)
    static let secretsOnly = DetectorOptions(malware: false, misconfigurations: false)

    @Test("a secret deleted or replaced by a later layer is reported with deletedInLaterLayer")
    func deletedInLaterLayer() throws {
        let suite = try DetectorSuite(options: Self.secretsOnly)
        let image = FakeReader.read(layers: [
            [.file("app/deleted.env", "TOKEN=" + token + "\n"), .file("app/kept.env", "X=" + token + "\n"),
             .file("app/replaced.env", "Y=" + token + "\n")],
            [.whiteout("app/deleted.env"), .file("app/replaced.env", "Y=nothing\n")],
        ], visitors: suite.visitors)
        let byPath = Dictionary(grouping: suite.findings(for: image).secrets, by: \.path)
        #expect(byPath["app/deleted.env"]?.map(\.deletedInLaterLayer) == [true])
        #expect(byPath["app/replaced.env"]?.map(\.deletedInLaterLayer) == [true])
        #expect(byPath["app/kept.env"]?.map(\.deletedInLaterLayer) == [false])
        #expect(byPath["app/kept.env"]?.first?.layer == LayerRef(index: 0, diffID: image.layers[0].diffID))
    }

    @Test("a path written twice in one layer is reported once")
    func duplicateEntries() throws {
        let suite = try DetectorSuite(options: Self.secretsOnly)
        let image = FakeReader.read(layers: [[.file("app/.env", "K=" + token + "\n"), .file("app/.env", "K=" + token + "\n")]],
                                    visitors: suite.visitors)
        #expect(suite.findings(for: image).secrets.count == 1)
    }

    @Test("only the layers an image uses are reported for it")
    func layersOfOtherImages() throws {
        let suite = try DetectorSuite(options: Self.secretsOnly)
        var image = FakeReader.read(layers: [[.file("a.txt", "k=" + token + "\n")], [.file("b.txt", "k=" + token + "\n")]],
                                    visitors: suite.visitors)
        image.layers.removeFirst()
        image.layers[0].index = 0
        let findings = suite.findings(for: image).secrets
        #expect(findings.map(\.path) == ["b.txt"])
        #expect(findings.first?.layer?.index == 0)
    }

    @Test("Env values and history lines of the image config are scanned")
    func imageConfig() throws {
        let suite = try DetectorSuite(options: Self.secretsOnly)
        var config = ImageConfig()
        config.config = ImageConfig.RunConfig()
        config.config?.Env = ["PATH=/usr/local/bin:/usr/bin", "GITLAB_TOKEN=" + token]
        let run = "/bin/sh -c curl -H 'PRIVATE-TOKEN: " + token + "' https://gitlab.example.com/api/v4/projects"
        config.history = try FakeConfig.history([("/bin/sh -c #(nop) ADD file:abc in / ", false),
                                                 ("/bin/sh -c #(nop)  ENV X=1", true), (run, false)])
        let image = FakeReader.read(layers: [[.file("etc/os-release", "ID=demo\n")], [.file("tmp/x", "y\n")]],
                                    config: config, visitors: suite.visitors)
        let findings = suite.findings(for: image).secrets
        let fromEnv = try #require(findings.first { $0.path == "config:Env" })
        #expect(fromEnv.line == 2 && fromEnv.ruleID == "gitlab-pat" && fromEnv.layer == nil)
        let fromHistory = try #require(findings.first { $0.path == "config:history[2]" })
        #expect(fromHistory.ruleID == "gitlab-pat" && fromHistory.layer?.index == 1)
        #expect(findings.count == 2)
    }

    @Test("config file: extra rules, disabled rules and allow paths")
    func configFile() throws {
        let path = try TempFile.write(#"""
        {"secrets": {
            "rules": [{"id": "acme-key", "title": "ACME key", "severity": "CRITICAL", "keywords": ["acme_"],
                       "regex": "acme_[0-9]{12}"}],
            "disabledRules": ["gitlab-pat"],
            "allowPaths": ["^srv/fixtures/"]}}
        """#)
        let suite = try DetectorSuite(options: DetectorOptions(malware: false, misconfigurations: false, configFile: path))
        let image = FakeReader.read(layers: [[
            .file("srv/app.conf", "key=acme_123456789012\ndeploy " + token + "\n"),
            .file("srv/fixtures/app.conf", "key=acme_123456789012\n"),
        ]], visitors: suite.visitors)
        let findings = suite.findings(for: image).secrets
        #expect(findings.map(\.ruleID) == ["acme-key"])
        #expect(findings.first?.severity == .critical && findings.first?.path == "srv/app.conf")
    }

    @Test("bad config files and rules throw CONF-001 / CONF-002", arguments: [
        (#"{"secrets": {"rules": [{"id": "x", "keywords": ["x"], "regex": "([a-z"}]}}"#, "CONF-002"),
        (#"{"secrets": {"rules": [{"id": "x", "keywords": [], "regex": "x"}]}}"#, "CONF-002"),
        (#"{"secrets": {"rules": [{"id": "github-pat", "keywords": ["x"], "regex": "x"}]}}"#, "CONF-002"),
        (#"{"secrets": {"disabeldRules": ["github-pat"]}}"#, "CONF-001"),
        (#"{"secrets": {"disabledRules": ["no-such-rule"]}}"#, "CONF-001"),
        (#"{"secrets": {"allowPaths": ["(unclosed"]}}"#, "CONF-001"),
        (#"{"malware": {"maxFileBytes": "big"}}"#, "CONF-001"),
        ("not json", "CONF-001"),
    ])
    func badConfig(text: String, code: String) throws {
        let path = try TempFile.write(text)
        let error = #expect(throws: SpoolscanError.self) {
            _ = try DetectorSuite(options: DetectorOptions(configFile: path))
        }
        #expect(error?.code.code == code)
    }
}

/// Temporary files for config and rule tests.
enum TempFile {
    static func write(_ text: String, name: String = "config.json") throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("detectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
