import Foundation
import SpoolscanCore
import Testing
@testable import Detectors

/// `DetectorConfig.compileUserPatterns()` (what the `detector-config` fuzz target runs) judges a
/// config's patterns exactly as a scan does, and hostile patterns are coded errors, never crashes.
@Suite struct DetectorConfigPatternTests {
    static let cases: [(String, String?)] = [
        (#"{"secrets": {"rules": [{"id": "x", "keywords": ["x"], "regex": "([a-z"}]}}"#, "CONF-002"),
        (#"{"secrets": {"rules": [{"id": "x", "keywords": [], "regex": "x"}]}}"#, "CONF-002"),
        (#"{"secrets": {"rules": [{"id": "github-pat", "keywords": ["x"], "regex": "x"}]}}"#, "CONF-002"),
        (#"{"secrets": {"rules": [{"id": "a", "keywords": ["a"], "regex": "a"}, {"id": "a", "keywords": ["b"], "regex": "b"}]}}"#, "CONF-002"),
        (#"{"secrets": {"disabledRules": ["no-such-rule"]}}"#, "CONF-001"),
        (#"{"secrets": {"allowPaths": ["(unclosed"]}}"#, "CONF-001"),
        // Found while writing these cases: allow paths were only compiled joined, so `a)|(b`
        // passed and `.*)|(?:x` made the secret detector skip every file.
        (#"{"secrets": {"allowPaths": ["a)|(b"]}}"#, "CONF-001"),
        (#"{"secrets": {"allowPaths": [".*)|(?:x"]}}"#, "CONF-001"),
        (#"{"secrets": {"rules": [{"id": "k", "keywords": ["key_"], "regex": "key_(?<secret>[0-9a-f]{32})"}], "allowPaths": ["^srv/"]}}"#, nil),
        (#"{"malware": {"enabled": false}}"#, nil),
    ]

    @Test("the same verdict as building the scan's detectors", arguments: cases)
    func agreesWithTheScan(text: String, code: String?) throws {
        let config = try DetectorConfig.parse(Data(text.utf8), source: "detectors.json")
        var checked: String?
        do { try config.compileUserPatterns() } catch { checked = error.code.code }
        #expect(checked == code, "\(text)")

        let path = NSTemporaryDirectory() + "detectors-\(UInt32.random(in: 0...UInt32.max)).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        defer { unlink(path) }
        var built: String?
        do { _ = try DetectorSuite(options: DetectorOptions(malware: false, misconfigurations: false, configFile: path)) } catch {
            built = error.code.code
        }
        #expect(built == checked, "a scan with this config must fail the same way: \(text)")
    }

    /// Patterns a fuzzer or a careless user writes: each compiles or is `CONF-002`, in bounded time.
    @Test("hostile patterns are coded errors", arguments: [
        #"\"#, #"(?<secret>"#, #"(?<secret>a)(?<secret>b)"#, #"a{65536}"#, #"((((((((((a*)*)*)*)*)*)*)*)*)*)"#,
        #"(*LIMIT_HEAP=1)a"#, #"\Q"#, #"(?C1)a"#, "a\u{0}b", #"[\x{100}-\x{10FFFF}]"#, #"\p{Nonsense}"#,
        #"(?(DEFINE)(?<x>(?&x)))(?&x)"#, String(repeating: "(", count: 5_000),
    ])
    func hostilePattern(pattern: String) throws {
        let rule: [String: Any] = ["id": "h", "keywords": ["h", "", "\u{0}", "ÄÖ"], "regex": pattern]
        let data = try JSONSerialization.data(withJSONObject: ["secrets": ["rules": [rule], "allowPaths": [pattern]]])
        let config = try DetectorConfig.parse(data, source: "detectors.json")
        do { try config.compileUserPatterns() } catch {
            #expect(["CONF-001", "CONF-002"].contains(error.code.code), "\(error)")
        }
    }
}
