import Foundation
import Policy

/// The policy file readers the CLI's `--policy` and `--vex` use: the YAML policy loader (with
/// its cap on alias expansion) and the OpenVEX reader.
enum PolicyTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget("policy-yaml", "a policy file (YAML) to PolicyLoader: aliases, merge keys, nesting, strict keys",
                   seeds: policySeeds) { bytes in
            // `PolicyLoader.load` reads the file and refuses bytes that are not UTF-8 before parsing.
            guard let text = String(data: Data(bytes), encoding: .utf8) else { return }
            _ = try? PolicyLoader.parse(text, path: "policy.yaml")
        },
        FuzzTarget("openvex", "an OpenVEX document (v0.2.0 and v0.0.1) to VEXLoader", seeds: vexSeeds) { bytes in
            _ = try? VEXLoader.parse(Data(bytes), path: "app.vex.json")
        },
    ]

    /// The built-in policy, the YAML examples of `docs/policy.md` and the policies of the tests.
    static func policySeeds() -> [(String, [UInt8])] {
        var texts = [DefaultPolicy.yaml] + TextSeeds.fencedBlocks("docs/policy.md", language: "yaml")
        for file in ["PolicyLoaderTests", "RuleTests", "IgnoreTests", "VerdictReportTests", "ScanExitStatusTests"] {
            texts += TextSeeds.multilineStrings("Tests/PolicyTests/\(file).swift").filter { $0.contains("version:") || $0.contains("rules:") }
        }
        // The alias bomb of `PolicyLoaderTests`, at a depth the cap lets through and one it stops.
        for levels in [3, 8] {
            var yaml = "version: 1\nx0: &a0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            for level in 1...levels { yaml += "x\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
            texts.append(yaml)
        }
        return TextSeeds.named("policy", texts)
    }

    /// The JSON examples of `docs/policy.md` and the statements of `VEXTests`, each in the
    /// document those tests wrap them in (v0.2.0), plus one v0.0.1 document.
    static func vexSeeds() -> [(String, [UInt8])] {
        var texts = TextSeeds.fencedBlocks("docs/policy.md", language: "json").filter { $0.contains("openvex") }
        for statements in TextSeeds.multilineStrings("Tests/PolicyTests/VEXTests.swift") where statements.contains("\"vulnerability\"") {
            texts.append("""
                {"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/app-1", "author": "Example Security",
                 "timestamp": "2026-11-01T10:00:00Z", "version": 1, "statements": [\(statements)]}
                """)
        }
        texts.append("""
            {"@context": "https://openvex.dev/ns", "@id": "https://example.com/vex/old", "timestamp": "2023-01-09T21:23:03.579712389-06:00",
             "statements": [{"vulnerability": "CVE-2023-1", "products": ["pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64"],
              "subcomponents": ["pkg:apk/wolfi/openssl"], "status": "not_affected", "justification": "component_not_present"}]}
            """)
        return TextSeeds.named("vex", texts)
    }
}
