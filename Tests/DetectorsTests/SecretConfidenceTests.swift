import Foundation
import Testing
import TestSupport
import ScanReport
@testable import Detectors

/// Confidence, format checks, documented examples and path rules of the secret detector.
@Suite("Secret confidence and format checks")
struct SecretConfidenceTests {
    static let secretsOnly = DetectorOptions(malware: false, misconfigurations: false)

    /// Findings for one file at `path`.
    static func findings(_ text: String, path: String = "app/config.txt") throws -> [SecretFinding] {
        let suite = try DetectorSuite(options: secretsOnly)
        let image = FakeReader.read(layers: [[.file(path, text)]], visitors: suite.visitors)
        return suite.findings(for: image).secrets
    }

    @Test("every finding carries its rule's confidence; generic rules are low, unique prefixes high")
    func everyFindingHasConfidence() throws {
        for rule in BuiltinSecretRules.all {
            let sample = try #require(SecretRuleSamples.all[rule.id]).positive
            let found = try Self.findings(sample + "\n").filter { $0.ruleID == rule.id }
            #expect(!found.isEmpty, "\(rule.id)")
            #expect(found.allSatisfy { $0.confidence == rule.confidence && $0.reason == nil }, "\(rule.id)")
        }
        let byID = Dictionary(uniqueKeysWithValues: BuiltinSecretRules.all.map { ($0.id, $0.confidence) })
        #expect(byID["generic-password"] == .low && byID["generic-secret"] == .low && byID["generic-api-key"] == .low)
        #expect(byID["github-pat"] == .high && byID["private-key"] == .high && byID["aws-access-key-id"] == .high)
        #expect(byID["twilio-auth-token"] == .medium && byID["jwt-token"] == .medium)
    }

    @Test("GitHub tokens need GitHub's CRC32 checksum", arguments: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
    func githubChecksum(prefix: String) throws {
        let token = Fake.github(prefix, seed: 3)
        #expect(try Self.findings("T=" + token + "\n").count == 1)
        var broken = Array(token)
        broken[broken.count - 1] = broken.last == "A" ? "B" : "A"
        #expect(try Self.findings("T=" + String(broken) + "\n").isEmpty)
        #expect(SecretFormatCheck.githubChecksum(Array(token.utf8)))
    }

    @Test("AWS key IDs need a base32 body; AWS's example IDs are not reported")
    func awsKeyIDs() throws {
        #expect(try Self.findings("id=" + Fake.awsKeyID() + "\n").map(\.ruleID) == ["aws-access-key-id"])
        #expect(try Self.findings("id=AKIA" + "0189" + String(repeating: "Q", count: 12) + "\n").isEmpty)
        #expect(try Self.findings("id=AKIAIOSFODNN7EXAMPLE\nsecret=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n").isEmpty)
    }

    @Test("a private key needs a base64 body of a plausible key; CRLF, JSON and YAML wrapping are fine")
    func privateKeyBodies() throws {
        let key = Fake.pem("RSA PRIVATE KEY")
        #expect(try Self.findings(Fake.pem("RSA PRIVATE KEY", newline: "\r\n") + "\r\n").map(\.ruleID) == ["private-key"])
        let escaped = key.replacingOccurrences(of: "\n", with: "\\n")
        #expect(try Self.findings(#"{"private_key": ""# + escaped + #"\n"}"# + "\n").map(\.ruleID) == ["private-key"])
        let yaml = "tls:\n  key: |\n" + key.split(separator: "\n").map { "    " + $0 + "\n" }.joined()
        #expect(try Self.findings(yaml).map(\.ruleID) == ["private-key"])
        // Truncated: the DER header declares more bytes than the body holds.
        let lines = key.split(separator: "\n")
        let truncated = ([lines[0]] + lines[1...3] + [lines.last!]).joined(separator: "\n")
        #expect(try Self.findings(truncated + "\n").isEmpty)
        // Not base64 at all: prose between the markers.
        #expect(try Self.findings(Fake.pemBegin("PRIVATE KEY") + " your key goes here, e.g. MIIEvQIBADAN... " + Fake.pemEnd("PRIVATE KEY") + "\n").isEmpty)
    }

    @Test("documented example marks are never reported")
    func documentedExamples() throws {
        for value in ["sk_live_" + "EXAMPLE" + Fake.alnum(20), "ghp_" + String(repeating: "x", count: 36),
                      "api_key = \"<your-api-key-here>\"", "password = \"changeme123!\""] {
            #expect(try Self.findings(value + "\n").isEmpty, "\(value.prefix(12))")
        }
        #expect(DocumentedExamples.isExample("your-token-here") && DocumentedExamples.isExample("****"))
        for mark in ["YOUR_API_KEY_HERE", "your key here", "yourtoken_here", "<your-key>"] {
            #expect(DocumentedExamples.isExample(mark), "\(mark)")
        }
        // The letters by chance inside a long base64 value are not the mark.
        #expect(!DocumentedExamples.isExample("LS0tLS1CRUdJTiByOUR9kq2yOURqhEREpQ3hEREaZ"))
        #expect(!DocumentedExamples.isExample("hourly-here") && !DocumentedExamples.isExample("your-hereford"))
        // Four X in a row turn up by chance in random tokens; a documentation mark is longer.
        #expect(!DocumentedExamples.isExample("npm_pkaNE" + "XXXX" + "qgrPTMhPUaDAKOpC6Yptvhr7mUI"))
        #expect(try Self.findings("NPM_TOKEN=npm_pkaNE" + "XXXX" + "qgrPTMhPUaDAKOpC6Yptvhr7mUI\n").map(\.ruleID) == ["npm-access-token"])
        #expect(DocumentedExamples.isExample("npm_" + String(repeating: "X", count: 36)))
        #expect(!DocumentedExamples.isExample(Fake.alnum(32)))
    }

    @Test("generic rules reject identifiers, template syntax and doctest lines")
    func genericRules() throws {
        for identifier in ["ExclusiveStartKey", "PKCS7PrivateKeyTypes", "automountServiceAccountToken", "hide_password", "IAmSensitive"] {
            #expect(SecretValueFilter.isIdentifier(identifier), "\(identifier)")
        }
        for random in [Fake.alnum(32), "Vq7zL2pXk9m", "lucWJjEhlxZW01cXI3YmVlcYnpxNGhzk"] {
            #expect(!SecretValueFilter.isIdentifier(random), "\(random.prefix(4))")
        }
        #expect(try Self.findings(#">>> client_secret = ""# + Fake.alnum(24) + "\"\n").isEmpty)
        #expect(try Self.findings(#"client_secret = ""# + Fake.alnum(24) + "\"\n").map(\.ruleID) == ["generic-secret"])
        #expect(try Self.findings("api_key = \"" + Fake.hex(40) + "\"\n").map(\.ruleID) == ["generic-api-key"])
        #expect(try Self.findings("oauth_token=sdf0o9823sjdfsdf&x=1\n").isEmpty)
        // A path is not a secret; a base64 secret that starts with "/" is.
        #expect(try Self.findings("client_secret = \"/run/secrets/client_secret_file\"\n").isEmpty)
        #expect(try Self.findings("private_key = \"./certs/Server-2024.pem\"\n").isEmpty)
        #expect(try Self.findings("client_secret = \"/" + Fake.b64(39) + "\"\n").map(\.ruleID) == ["generic-secret"])
        // Only letters and digits after the "/": lowercased, with digits read as letters, it would
        // look like a path; the shape checks must see the value as written.
        for value in ["/FvafhdZxEuhnbzs0z1wNiMg9aW37k5wCnHDepQH", "/mh5Kx96uQkmfK/UUNLHw0WHbjWUS34ggZZqj/W1"] {
            #expect(!SecretValueFilter.isPlaceholder(value), "\(value.prefix(4))")
            #expect(try Self.findings("\"secret\": \"" + value + "\"\n").map(\.ruleID) == ["generic-secret"], "\(value.prefix(4))")
        }
        #expect(SecretValueFilter.isPlaceholder("/run/secrets/db_password") && SecretValueFilter.isPlaceholder("s3cr3t-v4lue"))
        #expect(SecretValueFilter.isPlaceholder("P4ssw0rd!") && SecretValueFilter.isPlaceholder("p455"))
        // A random password that holds "P455" is not the word "pass".
        #expect(!SecretValueFilter.isPlaceholder("VUP455xlj!UZsZXzJKN"))
        #expect(try Self.findings("password: \"VUP455xlj!UZsZXzJKN\"\n").map(\.ruleID) == ["generic-password"])
    }

    @Test("in test, example and documentation paths proven findings are lowered with a reason; others are not reported",
          arguments: ["usr/lib/python3/dist-packages/tornado/test/test.key", "app/examples/deploy.sh", "srv/docs/setup.md",
                      "usr/lib/python3/dist-packages/pkg-1.0.dist-info/METADATA", "src/app/client_test.go"])
    func pathRules(path: String) throws {
        let text = Fake.pem("PRIVATE KEY") + "\npassword = \"Vq7zL2pXk9m\"\nGH=" + Fake.github("ghp_") + "\n"
        let found = try Self.findings(text, path: path)
        #expect(Set(found.map(\.ruleID)) == ["private-key", "github-pat"], "\(path)")
        #expect(found.allSatisfy { $0.severity == .low && $0.confidence == .low && $0.reason?.contains("likely a sample") == true })
        let ordinary = try Self.findings(text, path: "app/settings.env")
        #expect(Set(ordinary.map(\.ruleID)) == ["private-key", "github-pat", "generic-password"])
        #expect(ordinary.allSatisfy { $0.reason == nil })
    }
}

/// Lowered findings (confidence and reason set) are valid `secret` objects of the report schema.
@Suite("Secret findings against the report schema")
struct SecretFindingSchemaTests {
    @Test("a finding lowered by a path rule validates against the schema's secret object")
    func loweredFindingValidates() throws {
        let found = try SecretConfidenceTests.findings(Fake.pem("PRIVATE KEY") + "\n", path: "srv/app/tests/server.key")
        let finding = try #require(found.first)
        #expect(finding.reason != nil && finding.confidence == .low)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let schema = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: root.appendingPathComponent("schemas/report.schema.json"))) as? [String: Any])
        let secretOnly: [String: Any] = ["$schema": schema["$schema"] ?? "", "$defs": schema["$defs"] ?? [:], "$ref": "#/$defs/secret"]
        let validator = try JSONSchemaValidator(schemaData: JSONSerialization.data(withJSONObject: secretOnly))
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(finding))
        #expect(validator.validate(encoded) == [])
        var unknown = try #require(encoded as? [String: Any])
        unknown["confidence"] = "certain"
        #expect(!validator.validate(unknown).isEmpty)
    }
}
