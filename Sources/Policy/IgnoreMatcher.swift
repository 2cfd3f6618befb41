import Foundation
import ScanReport

/// Applies a policy's ignore entries to findings, and counts what expired entries would have matched.
public struct IgnoreMatcher: Sendable {
    /// What an ignore entry is compared with: the ids a finding answers to, its package, its paths.
    public struct Keys: Sendable {
        public var ids: [String]
        public var packageName: String?
        public var purl: String?
        public var paths: [String]
        public init(ids: [String], packageName: String? = nil, purl: String? = nil, paths: [String]) {
            self.ids = ids; self.packageName = packageName; self.purl = purl; self.paths = paths
        }
    }

    public let ignores: [PolicyIgnore]
    /// The policy file path recorded in each suppression.
    public let source: String?
    public let now: Date

    public init(ignores: [PolicyIgnore], source: String?, now: Date) {
        self.ignores = ignores; self.source = source; self.now = now
    }

    /// The suppression from the first unexpired entry matching `keys`, or nil. Each expired entry
    /// that matches is counted in `expiredMatches` (by entry index).
    public func suppression(for keys: Keys, expiredMatches: inout [Int: Int]) -> Suppression? {
        var found: Suppression?
        for (index, ignore) in ignores.enumerated() where Self.matches(ignore, keys) {
            if ignore.isExpired(at: now) {
                expiredMatches[index, default: 0] += 1
            } else if found == nil {
                found = Suppression(kind: .ignore, reason: ignore.reason, source: source ?? "built-in policy",
                                    expires: ignore.expires)
            }
        }
        return found
    }

    /// The `POL-005` warnings for expired entries that matched findings.
    public func expiryWarnings(_ expiredMatches: [Int: Int]) -> [ReportWarning] {
        expiredMatches.keys.sorted().map { index in
            let ignore = ignores[index], count = expiredMatches[index] ?? 0
            var what = ignore.id
            if let package = ignore.package { what += " in \(package)" }
            if let path = ignore.path { what += " under \(path)" }
            return ReportWarning(.policyIgnoreExpired,
                                 "the ignore of \(what) expired on \(ignore.expires ?? "?"); \(count) finding\(count == 1 ? "" : "s") it matched count again")
        }
    }

    static func matches(_ ignore: PolicyIgnore, _ keys: Keys) -> Bool {
        guard keys.ids.contains(where: { $0.caseInsensitiveCompare(ignore.id) == .orderedSame }) else { return false }
        if let package = ignore.package {
            if package.lowercased().hasPrefix("pkg:") {
                guard let purl = keys.purl, PackageURL.covers(package, purl) else { return false }
            } else {
                guard keys.packageName == package else { return false }
            }
        }
        if let path = ignore.path {
            guard keys.paths.contains(where: { PathPattern.matches(path, $0) }) else { return false }
        }
        return true
    }
}
