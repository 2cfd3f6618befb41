import Foundation
import Testing
@testable import Detectors

/// `docs/detectors.md` lists every built-in secret rule with its severity and confidence.
@Suite("Secret rule table in docs/detectors.md")
struct SecretRuleDocsTableTests {
    @Test("every built-in rule has a row with its severity and confidence, and no row is stale")
    func tableMatchesRules() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/detectors.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        var rows: [String: (severity: String, confidence: String)] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 5 else { continue }
            rows[cells[0].trimmingCharacters(in: ["`"])] = (cells[2], cells[3])
        }
        for rule in BuiltinSecretRules.all {
            let row = rows.removeValue(forKey: rule.id)
            #expect(row?.severity == rule.severity.rawValue && row?.confidence == rule.confidence.rawValue,
                    "\(rule.id): docs say \(String(describing: row))")
        }
        #expect(rows.isEmpty, "rows without a rule: \(rows.keys.sorted())")
    }
}
