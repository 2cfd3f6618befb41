import Foundation
import Testing
import SpoolscanCore

/// README reproduces the error-code table; this keeps the two from drifting apart.
@Suite struct ReadmeErrorTableTests {
    @Test func readmeListsEveryCodeWithItsText() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for code in ErrorCode.all {
            #expect(readme.contains("| `\(code.code)` | \(code.summary) | \(code.category.rawValue) |"), "README lacks \(code) (\(code.category))")
        }
        let listed = readme.components(separatedBy: "\n").filter { $0.range(of: #"^\| `[A-Z]+-\d{3}` \|"#, options: .regularExpression) != nil }
        #expect(listed.count == ErrorCode.all.count, "README's table has \(listed.count) rows for \(ErrorCode.all.count) codes")
    }
}
