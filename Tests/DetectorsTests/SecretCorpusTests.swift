import Foundation
import Testing
import ScanReport
import TestSupport
@testable import Detectors

/// Precision on real packages and recall on planted credentials, with the real reader.
@Suite("Secret corpora (integration)", .serialized)
struct SecretCorpusTests {
    static let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    @Test("recall: every planted credential is found, with a confidence, and nothing else",
          .enabled(if: python, "skipped: /usr/bin/python3 (which writes the recall corpus) is not installed"))
    func recall() throws {
        let folder = try TemporaryDirectory()
        let seed = UInt32.random(in: 1...UInt32.max)
        let (image, planted) = try SecretCorpus.recallImage(in: folder.path, seed: seed)
        #expect(planted.count >= 25)
        let findings = try SecretCorpus.scan(image)
        for item in planted {
            let match = findings.first { $0.path == item.path && $0.line == item.line && $0.ruleID == item.rule }
            #expect(match != nil, "missed: \(item.kind) (\(item.rule) at \(item.path):\(item.line)), corpus seed \(seed)")
            #expect(match?.confidence != nil && match?.reason == nil, "\(item.kind), corpus seed \(seed)")
        }
        let expectedLines = Set(planted.map { "\($0.path):\($0.line)" })
        let extra = findings.filter { !expectedLines.contains("\($0.path):\($0.line)") }
        #expect(extra.isEmpty, "unexpected: \(extra.map { "\($0.ruleID) \($0.path):\($0.line)" }), corpus seed \(seed)")
    }

    static let trivy = FileManager.default.homeDirectoryForCurrentUser.path + "/.cache/spoolscan-peers/trivy"

    @Test("recall: every planted credential trivy finds, spoolscan finds too",
          .enabled(if: python && FileManager.default.isExecutableFile(atPath: trivy),
                   "skipped: trivy (../shared/peers/install.sh) or /usr/bin/python3 is not installed"))
    func recallAgainstTrivy() throws {
        let folder = try TemporaryDirectory()
        let (image, planted) = try SecretCorpus.recallImage(in: folder.path)
        let output = folder.path + "/trivy.json"
        let (status, _) = SecretCorpus.run(Self.trivy, ["image", "--cache-dir", folder.path + "/cache", "--input", image,
                                                        "--scanners", "secret", "--format", "json", "--output", output,
                                                        "--skip-db-update", "--offline-scan", "--quiet"])
        try #require(status == 0, "trivy exited \(status)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        var trivyLines = Set<String>()
        for result in report["Results"] as? [[String: Any]] ?? [] {
            let target = (result["Target"] as? String ?? "").drop { $0 == "/" }
            for secret in result["Secrets"] as? [[String: Any]] ?? [] {
                trivyLines.insert("\(target):\(secret["StartLine"] as? Int ?? 0)")
            }
        }
        let ours = Set(try SecretCorpus.scan(image).map { "\($0.path):\($0.line)" })
        let plantedLines = Set(planted.map { "\($0.path):\($0.line)" })
        #expect(!trivyLines.intersection(plantedLines).isEmpty)
        #expect(trivyLines.intersection(plantedLines).subtracting(ours).isEmpty)
    }

    @Test("precision: on real PyPI wheels and Debian packages only real private keys are reported",
          .enabled(if: SecretCorpus.negativeAvailable, SecretCorpus.negativeSkipMessage))
    func negative() throws {
        let (image, layer) = try SecretCorpus.negativeImage()
        let findings = try SecretCorpus.scan(image)
        for finding in findings {
            #expect(finding.ruleID == "private-key", "\(finding.ruleID) at \(finding.path):\(finding.line)")
            // A real key is one openssl can parse; a sample key must not pass the PEM check.
            let (status, _) = SecretCorpus.run("/usr/bin/openssl", ["pkey", "-noout", "-in", layer + "/" + finding.path])
            #expect(status == 0, "not a parseable key: \(finding.path)")
            if SecretPathRule.place(of: finding.path) != nil {
                #expect(finding.severity == .low && finding.confidence == .low && finding.reason != nil, "\(finding.path)")
            } else {
                #expect(finding.confidence == .high, "\(finding.path)")
            }
        }
        // tornado ships a test key in its test folder: reported, lowered, with its reason.
        #expect(findings.contains { $0.path.hasSuffix("tornado/test/test.key") && $0.confidence == .low })
    }
}
