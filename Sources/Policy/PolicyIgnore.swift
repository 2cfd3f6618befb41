import Foundation

/// One ignore entry: findings it matches stay in the report, marked with a ``ScanReport/Suppression``,
/// and no longer count against the rules.
///
/// `id` is an advisory id or one of its aliases (`CVE-…`, `GHSA-…`), a secret rule id, a malware
/// rule (`rule` or `namespace/rule`) or a misconfiguration check id. `package` narrows a
/// vulnerability ignore to a package name or purl (see ``PackageURL/covers(_:)``); `path` narrows
/// to findings under a path of the image (a glob; `*` crosses `/`). From the day after `expires`
/// (UTC) the entry stops applying and the report carries a `POL-005` warning.
public struct PolicyIgnore: Decodable, Sendable, Equatable {
    public var id: String
    public var package: String?
    public var path: String?
    public var reason: String
    /// `YYYY-MM-DD` as written, or nil for an ignore that never expires.
    public var expires: String?

    public init(id: String, package: String? = nil, path: String? = nil, reason: String, expires: String? = nil) {
        self.id = id; self.package = package; self.path = path; self.reason = reason; self.expires = expires
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case id, package, path, reason, expires }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.allCases.map(\.rawValue))
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        package = try container.decodeIfPresent(String.self, forKey: .package)
        path = try container.decodeIfPresent(String.self, forKey: .path)
        reason = try container.decode(String.self, forKey: .reason)
        expires = try container.decodeIfPresent(String.self, forKey: .expires)
        if id.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .id, in: container, debugDescription: "an ignore needs an id")
        }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorruptedError(forKey: .reason, in: container, debugDescription: "an ignore needs a reason")
        }
        if let package, package.lowercased().hasPrefix("pkg:"), PackageURL(package) == nil {
            throw DecodingError.dataCorruptedError(forKey: .package, in: container, debugDescription: "'\(package)' is not a valid purl")
        }
        if let expires, expires.count != 10 || PolicyDate.parse(expires) == nil {
            throw DecodingError.dataCorruptedError(forKey: .expires, in: container,
                                                   debugDescription: "'\(expires)' is not a date (YYYY-MM-DD)")
        }
    }

    /// Whether the entry has expired at `now`: it applies through the whole `expires` day (UTC).
    public func isExpired(at now: Date) -> Bool {
        guard let expires, let day = PolicyDate.parse(expires) else { return false }
        return now >= day.addingTimeInterval(86_400)
    }
}
