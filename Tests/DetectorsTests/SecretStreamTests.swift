import Foundation
import Testing
import ImageReader
import ScanReport
@testable import Detectors

@Suite("Secret streaming")
struct SecretStreamTests {
    let token = Fake.github("ghp_")

    @Test("a secret split across chunk boundaries is found at every split point and chunk size",
          arguments: [1, 3, 7, 13, 64, 4096])
    func chunkBoundaries(chunkSize: Int) throws {
        for pad in 0..<20 {
            let detector = try SecretTestKit.detector()
            let text = String(repeating: "x", count: pad) + "\ntoken: " + token + "\n"
            let hits = SecretTestKit.streamHits(Array(text.utf8), chunkSize: chunkSize, detector: detector)
            #expect(hits.map(\.id) == ["github-pat"], "pad \(pad)")
            #expect(hits.first?.line == 2)
        }
    }

    @Test("line numbers and hits survive carry-over trimming in a large file")
    func largeFile() throws {
        let detector = try SecretTestKit.detector()
        var text = ""
        for index in 0..<20_000 { text += "Package: filler-\(index)\nDescription: nothing to see here\n" }
        text += "export GITHUB_TOKEN=" + token + "\n"
        for index in 0..<100 { text += "trailing \(index)\n" }
        text += Fake.pem("OPENSSH PRIVATE KEY", bytes: 1900) + "\n"
        let hits = SecretTestKit.streamHits(Array(text.utf8), chunkSize: 100_000, detector: detector)
        #expect(hits.contains { $0.id == "github-pat" && $0.line == 40_001 })
        #expect(hits.contains { $0.id == "private-key" && $0.line == 40_102 })
        #expect(hits.count == 2)
    }

    @Test("a multi-line private key straddling many small chunks is found")
    func multilineAcrossChunks() throws {
        let detector = try SecretTestKit.detector()
        let text = "intro\n" + Fake.pem("EC PRIVATE KEY", bytes: 1400) + "\n"
        let hits = SecretTestKit.streamHits(Array(text.utf8), chunkSize: 17, detector: detector)
        #expect(hits.map(\.id) == ["private-key"])
        #expect(hits.first?.line == 2)
    }

    @Test("binary files (NUL in the first 8 KiB) are skipped; later NULs do not hide a secret")
    func binarySkip() throws {
        let detector = try SecretTestKit.detector()
        var binary = Array("header".utf8) + [0] + Array(("\nkey " + token + "\n").utf8)
        #expect(SecretTestKit.streamHits(binary, chunkSize: 3, detector: detector).isEmpty)
        binary = Array(String(repeating: "a", count: 9000).utf8) + [0] + Array(("\nkey " + token + "\n").utf8)
        #expect(SecretTestKit.streamHits(binary, chunkSize: 1000, detector: try SecretTestKit.detector()).map(\.id) == ["github-pat"])
    }

    @Test("the same secret on one line is reported once; on two lines twice")
    func deduplication() throws {
        let detector = try SecretTestKit.detector()
        let one = token + " " + token + "\n"
        #expect(SecretTestKit.streamHits(Array(one.utf8), chunkSize: 10, detector: detector).count == 1)
        let two = token + "\n" + token + "\n"
        #expect(SecretTestKit.streamHits(Array(two.utf8), chunkSize: 10, detector: try SecretTestKit.detector())
            .map(\.line) == [1, 2])
    }

    @Test("matches keep 4 characters; the secret appears nowhere in the encoded findings")
    func redaction() throws {
        let suite = try DetectorSuite(options: DetectorOptions(malware: false, misconfigurations: false))
        let aws = Fake.awsKeyID()
        var config = ImageConfig()
        config.config = ImageConfig.RunConfig()
        config.config?.Env = ["PATH=/usr/bin", "GITHUB_TOKEN=" + token]
        let image = FakeReader.read(layers: [[.file("root/.env", "AWS_ACCESS_KEY_ID=" + aws + "\n")]],
                                    config: config, visitors: suite.visitors)
        let findings = suite.findings(for: image).secrets
        #expect(findings.count == 2)
        #expect(Set(findings.map(\.match)) == ["AKIA****", "ghp_****"])
        let json = String(decoding: try JSONEncoder().encode(findings), as: UTF8.self)
        #expect(!json.contains(aws) && !json.contains(token))
        #expect(!json.contains(String(token.dropFirst(4))))
    }

    @Test("short values are never shown whole")
    func shortValues() {
        #expect(SecretValueFilter.redact("abc") == "a****")
        #expect(SecretValueFilter.redact("abcdefg") == "abc****")
        #expect(SecretValueFilter.redact("abcdefgh") == "abcd****")
        #expect(SecretValueFilter.redact("\nMIIEvQIBADANBgkqhkiG") == "MIIE****")
        #expect(SecretValueFilter.redact(#"\nMIIEvQIBADANBgkqhkiG"#) == "MIIE****")
        #expect(SecretValueFilter.redact("") == "****")
    }

    @Test("noisy paths are skipped by default, apt lists are not; allow paths skip more")
    func pathFilter() throws {
        let filter = try SecretPathFilter(useDefaults: true, allowPaths: [#"^opt/fixtures/"#])
        #expect(!filter.shouldScan("usr/share/doc/bash/README"))
        #expect(!filter.shouldScan("usr/share/man/man1/ls.1.gz"))
        #expect(!filter.shouldScan("var/lib/dpkg/info/bash.list"))
        #expect(!filter.shouldScan("usr/lib/python3/dist-packages/x/__pycache__/a.cpython-311.pyc"))
        #expect(!filter.shouldScan("usr/share/zoneinfo/Europe/Paris"))
        #expect(!filter.shouldScan("opt/fixtures/keys.txt"))
        #expect(filter.shouldScan("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages"))
        #expect(filter.shouldScan("etc/app/config.yaml"))
        let noDefaults = try SecretPathFilter(useDefaults: false, allowPaths: [])
        #expect(noDefaults.shouldScan("usr/share/doc/bash/README"))
    }
}
