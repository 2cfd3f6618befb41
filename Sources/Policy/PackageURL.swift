import Foundation

/// A parsed package URL (`pkg:type/namespace/name@version?qualifiers#subpath`,
/// https://github.com/package-url/purl-spec), used to match VEX products and ignore entries
/// against the purls in a report.
public struct PackageURL: Sendable, Equatable {
    public var type: String
    public var namespace: String?
    public var name: String
    public var version: String?
    public var qualifiers: [String: String]
    public var subpath: String?

    /// Parses `text`; nil when it is not a purl (no `pkg:` scheme, no type or no name).
    public init?(_ text: String) {
        guard text.lowercased().hasPrefix("pkg:") else { return nil }
        var rest = Substring(text.dropFirst(4))
        while rest.hasPrefix("/") { rest = rest.dropFirst() }
        if let hash = rest.firstIndex(of: "#") {
            subpath = Self.decode(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        var qualifiers: [String: String] = [:]
        if let question = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[1].isEmpty else { continue }
                qualifiers[parts[0].lowercased()] = Self.decode(parts[1])
            }
            rest = rest[..<question]
        }
        self.qualifiers = qualifiers
        // The version follows the last `@` after the last `/` (an npm scope may be written `@scope`).
        let lastSlash = rest.lastIndex(of: "/") ?? rest.startIndex
        if let at = rest[lastSlash...].lastIndex(of: "@") {
            version = Self.decode(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: true).map(Self.decode)
        guard segments.count >= 2, !segments[0].isEmpty, !segments[segments.count - 1].isEmpty else { return nil }
        type = segments[0].lowercased()
        name = segments[segments.count - 1]
        namespace = segments.count > 2 ? segments[1..<(segments.count - 1)].joined(separator: "/") : nil
        if version?.isEmpty == true { version = nil }
    }

    /// Whether this purl, used as a pattern, names `other`: same type, namespace and name
    /// (case-insensitive; PyPI names compared after PEP 503 normalisation), the same version
    /// unless this one has none, and every qualifier this one gives equal in `other` (a pattern
    /// without qualifiers matches any arch or distro).
    public func covers(_ other: PackageURL) -> Bool {
        guard type == other.type,
              Self.key(namespace ?? "", type: type) == Self.key(other.namespace ?? "", type: type),
              Self.key(name, type: type) == Self.key(other.name, type: type) else { return false }
        if let version, version != other.version { return false }
        for (key, value) in qualifiers where other.qualifiers[key] != value { return false }
        if let subpath, subpath != other.subpath { return false }
        return true
    }

    /// Whether the purl text `pattern` covers the purl text `purl`; false when either does not parse.
    public static func covers(_ pattern: String, _ purl: String) -> Bool {
        guard let pattern = PackageURL(pattern), let target = PackageURL(purl) else { return false }
        return pattern.covers(target)
    }

    private static func key(_ text: String, type: String) -> String {
        let lower = text.lowercased()
        guard type == "pypi" else { return lower }
        return lower.replacingOccurrences(of: "[-_.]+", with: "-", options: .regularExpression)
    }

    private static func decode<S: StringProtocol>(_ part: S) -> String {
        String(part).removingPercentEncoding ?? String(part)
    }
}
