import Foundation

/// Seed texts taken from the documentation and the tests: the fenced code blocks of a
/// Markdown file and the multi-line string literals of a Swift test file.
enum TextSeeds {
    /// The bodies of the fenced blocks tagged `language` (```yaml, ```json) in `file`
    /// (relative to the repository root).
    static func fencedBlocks(_ file: String, language: String) -> [String] {
        guard let text = try? String(contentsOfFile: SeedWriter.repositoryRoot + "/" + file, encoding: .utf8) else { return [] }
        var blocks: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```" + language {
                current = []
            } else if current != nil, line.hasPrefix("```") {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The multi-line string literals (`"""` … `"""`) of `file`, with the closing delimiter's
    /// indentation removed as Swift does (interpolations stay as written).
    static func multilineStrings(_ file: String) -> [String] {
        guard let text = try? String(contentsOfFile: SeedWriter.repositoryRoot + "/" + file, encoding: .utf8) else { return [] }
        var strings: [String] = [], current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if current == nil, line.hasSuffix("\"\"\"") {
                current = []
            } else if let body = current, trimmed.hasPrefix("\"\"\"") {
                let indent = line.count - trimmed.count
                strings.append(body.map { String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count))) }.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return strings
    }

    /// The one-line raw string literals (`#"…"#`) of `file` that hold a JSON object.
    static func rawJSONStrings(_ file: String) -> [String] {
        guard let text = try? String(contentsOfFile: SeedWriter.repositoryRoot + "/" + file, encoding: .utf8),
              let pattern = try? NSRegularExpression(pattern: ##"#"(\{.*?\})"#"##) else { return [] }
        return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    /// `texts` as named seeds: `prefix-0`, `prefix-1`, …
    static func named(_ prefix: String, _ texts: [String]) -> [(String, [UInt8])] {
        texts.enumerated().map { ("\(prefix)-\($0.offset)", Array($0.element.utf8)) }
    }
}
