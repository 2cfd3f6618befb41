import ImageReader
@testable import Detectors

/// Shortcuts for secret tests.
enum SecretTestKit {
    /// A detector over the built-in rules with the default path filter.
    static func detector() throws -> SecretDetector {
        SecretDetector(ruleSet: try SecretRuleSet.shared(BuiltinSecretRules.all),
                       filter: try SecretPathFilter(useDefaults: true, allowPaths: []))
    }

    /// Rule ids found in `text` (scanned as a whole, without the binary check).
    static func ruleIDs(in text: String, detector: SecretDetector) -> Set<String> {
        Set(detector.scanText(text).map { detector.ruleSet.rules[$0.rule].id })
    }

    /// Streams `bytes` as one file through the detector in chunks of `chunkSize`; returns the hits.
    static func streamHits(_ bytes: [UInt8], path: String = "app/config.txt", chunkSize: Int,
                           detector: SecretDetector) -> [(id: String, line: Int, match: String)] {
        let image = FakeReader.read(layers: [[.file(path, bytes)]], visitors: [detector], chunkSize: chunkSize)
        return detector.findings(for: image).map { ($0.ruleID, $0.line, $0.match) }
    }
}
