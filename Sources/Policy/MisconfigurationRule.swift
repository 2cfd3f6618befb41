/// Fail on the listed misconfiguration check ids (e.g. `CIS-DI-0001`); `"*"` lists every check.
public struct MisconfigurationRule: Decodable, Sendable, Equatable {
    public var ids: [String]

    public init(ids: [String]) { self.ids = ids }

    private enum CodingKeys: String, CodingKey, CaseIterable { case ids }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        ids = try decoder.container(keyedBy: CodingKeys.self).decode([String].self, forKey: .ids)
    }

    /// Whether the check `id` is listed (case-insensitive).
    public func lists(_ id: String) -> Bool {
        ids.contains { $0 == "*" || $0.caseInsensitiveCompare(id) == .orderedSame }
    }
}
