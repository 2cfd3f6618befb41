/// A Package URL taken apart (`pkg:type/namespace/name@version?qualifiers#subpath`), with every
/// component percent-decoded.
struct ParsedPackageURL: Equatable {
    var type: String
    var namespace: [String]
    var name: String
    var version: String?
    var qualifiers: [String: String]

    /// Nil when `text` is not a purl (no `pkg:` scheme, no type or no name).
    init?(_ text: String) {
        guard text.count <= 4096, text.lowercased().hasPrefix("pkg:") else { return nil }
        var rest = Substring(text.dropFirst(4))
        while rest.first == "/" { rest = rest.dropFirst() }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var qualifiers: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                guard let equals = pair.firstIndex(of: "=") else { continue }
                let key = pair[..<equals].lowercased()
                let value = PurlEncoding.decode(pair[pair.index(after: equals)...])
                if !key.isEmpty && !value.isEmpty { qualifiers[key] = value }
            }
            rest = rest[..<question]
        }
        // The version follows the last `@` after the last `/` (an npm scope may be written `@types` raw).
        let lastSlash = rest.lastIndex(of: "/")
        var version: String?
        if let at = rest.lastIndex(of: "@"), lastSlash.map({ at > $0 }) ?? true, at != rest.startIndex {
            let decoded = PurlEncoding.decode(rest[rest.index(after: at)...])
            version = decoded.isEmpty ? nil : decoded
            rest = rest[..<at]
        }
        let segments = rest.split(separator: "/").map { PurlEncoding.decode($0) }
        guard segments.count >= 2, !segments[0].isEmpty, let name = segments.last, !name.isEmpty else { return nil }
        self.type = segments[0].lowercased()
        self.namespace = Array(segments.dropFirst().dropLast())
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
    }
}
