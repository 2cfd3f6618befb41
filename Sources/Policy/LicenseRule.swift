import ScanReport

/// Allow and deny lists of licences, as SPDX identifiers or names as packages declare them
/// (compared case-insensitively; a trailing `*` matches any suffix, e.g. `GPL-3.0*`, `AGPL-*`).
///
/// A package's declared licences all apply (a Debian copyright file lists several); each may be
/// an SPDX expression. An `OR` expression passes when one alternative passes, an `AND` when
/// every part does; `WITH` exceptions are ignored. A licence passes when it is not denied and,
/// when `allow` is not empty, it is allowed. Packages declaring no licence are not judged.
public struct LicenseRule: Decodable, Sendable, Equatable {
    public var allow: [String]
    public var deny: [String]

    public init(allow: [String] = [], deny: [String] = []) { self.allow = allow; self.deny = deny }

    private enum CodingKeys: String, CodingKey, CaseIterable { case allow, deny }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        allow = try container.decodeIfPresent([String].self, forKey: .allow) ?? []
        deny = try container.decodeIfPresent([String].self, forKey: .deny) ?? []
    }

    /// Why `package` breaks the rule (`deny` or `allow`), or nil when it does not.
    public func violation(_ package: Package) -> String? {
        let declared = package.licenses.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !declared.isEmpty else { return nil }
        if !deny.isEmpty, declared.contains(where: { !Self.passes($0, { !Self.listed($0, in: deny) }) }) {
            return "deny"
        }
        if !allow.isEmpty, declared.contains(where: { !Self.passes($0, { Self.listed($0, in: allow) }) }) {
            return "allow"
        }
        return nil
    }

    /// Whether the expression passes when each licence identifier is judged by `accept`.
    static func passes(_ expression: String, _ accept: (String) -> Bool) -> Bool {
        alternatives(expression).contains { terms in terms.allSatisfy(accept) }
    }

    /// An expression as alternatives (`OR`) of conjunctions (`AND`) of identifiers. Parentheses
    /// are flattened, which is exact for the usual forms `A OR B`, `A AND B`, `(A OR B) AND C`
    /// read as every alternative needing C.
    static func alternatives(_ expression: String) -> [[String]] {
        let cleaned = expression.replacingOccurrences(of: "(", with: " ").replacingOccurrences(of: ")", with: " ")
        var groups: [[String]] = [[]]
        var skipNext = false
        for word in cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) {
            if skipNext { skipNext = false; continue }
            switch word.uppercased() {
            case "OR", "|": groups.append([])
            case "AND", "&", ",": continue
            case "WITH": skipNext = true
            default: groups[groups.count - 1].append(word)
            }
        }
        let nonEmpty = groups.filter { !$0.isEmpty }
        return nonEmpty.isEmpty ? [[expression]] : nonEmpty
    }

    /// Whether `license` matches one of `patterns` (case-insensitive, trailing `*` a prefix).
    static func listed(_ license: String, in patterns: [String]) -> Bool {
        let name = license.lowercased()
        return patterns.contains { raw in
            let pattern = raw.lowercased()
            if pattern.hasSuffix("*") { return name.hasPrefix(String(pattern.dropLast())) }
            return name == pattern
        }
    }
}
