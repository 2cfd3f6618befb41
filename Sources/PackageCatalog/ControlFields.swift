/// Parses RFC 822-style field paragraphs (dpkg `status`, Python `METADATA`/`PKG-INFO`,
/// `MANIFEST.MF`): `Key: value` lines, continuation lines starting with a space or tab,
/// paragraphs separated by blank lines. Works on bytes; never fails.
enum ControlFields {
    /// One paragraph: fields in order (a key may repeat, e.g. `Classifier`).
    struct Paragraph {
        var fields: [(key: String, value: String)] = []
        /// The first value of `key` (keys compare case-insensitively).
        subscript(_ key: String) -> String? {
            let lower = key.lowercased()
            return fields.first { $0.key.lowercased() == lower }?.value
        }
        /// Every value of `key`.
        func all(_ key: String) -> [String] {
            let lower = key.lowercased()
            return fields.filter { $0.key.lowercased() == lower }.map(\.value)
        }
    }

    /// Parses `bytes` into paragraphs. Only keys in `keep` are stored when it is given (their
    /// continuation lines too); `firstOnly` stops after the first paragraph (a header block).
    /// `joinContinuation` is the separator for continuation lines (`""` for MANIFEST.MF wraps).
    static func parse(_ bytes: [UInt8], keep: Set<String>? = nil, firstOnly: Bool = false,
                      joinContinuation: String = "\n") -> [Paragraph] {
        let keepLower = keep.map { Set($0.map { $0.lowercased() }) }
        var paragraphs: [Paragraph] = []
        var current = Paragraph()
        var keepingLast = false
        var stopped = false
        ByteLines.forEach(bytes) { index, lineEnd in
            if lineEnd == index {
                // Blank line: paragraph boundary.
                if !current.fields.isEmpty {
                    paragraphs.append(current)
                    current = Paragraph()
                    if firstOnly { stopped = true; return false }
                }
                keepingLast = false
            } else if bytes[index] == 0x20 || bytes[index] == 0x09 {
                if keepingLast, !current.fields.isEmpty {
                    let start = joinContinuation.isEmpty ? index + 1 : index
                    var text = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
                    if !joinContinuation.isEmpty { text = trim(text) }
                    current.fields[current.fields.count - 1].value += joinContinuation + text
                }
            } else if let colon = bytes[index..<lineEnd].firstIndex(of: 0x3A) {
                let key = String(decoding: bytes[index..<colon], as: UTF8.self)
                if keepLower == nil || keepLower!.contains(key.lowercased()) {
                    let value = trim(String(decoding: bytes[(colon + 1)..<lineEnd], as: UTF8.self))
                    current.fields.append((key, value))
                    keepingLast = true
                } else {
                    keepingLast = false
                }
            } else {
                keepingLast = false
            }
            return true
        }
        if stopped { return paragraphs }
        if !current.fields.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    /// Trims spaces, tabs and line ends at both ends.
    static func trim<S: StringProtocol>(_ text: S) -> String {
        let blanks: Set<Character> = [" ", "\t", "\r", "\n"]
        guard let first = text.firstIndex(where: { !blanks.contains($0) }),
              let last = text.lastIndex(where: { !blanks.contains($0) }) else { return "" }
        return String(text[first...last])
    }
}
