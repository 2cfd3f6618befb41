/// One advisory as the database stores it, whatever feed it came from.
public struct AdvisoryRecord: Sendable, Equatable {
    /// The feed's id (`PYSEC-2018-28`, `GO-2021-0067`, `CVE-2019-14697`).
    public var id: String
    /// The feed it came from (`osv:PyPI`, `alpine-secdb:v3.7`, `debian-tracker`).
    public var source: String
    /// Other ids for the same vulnerability (CVE, GHSA, …).
    public var aliases: [String]
    public var summary: String?
    /// The severity the record states in words (`HIGH`, `MODERATE`), if any.
    public var statedSeverity: String?
    /// CVSS vectors from the record (`CVSS:3.1/AV:N/…`, `CVSS:4.0/…`).
    public var cvssVectors: [String]
    public var references: [String]
    public var modified: String?
    /// When the advisory was first published (OSV `published`, RFC 3339); nil for feeds without it.
    public var published: String?
    /// What the advisory says about each package it covers.
    public var affected: [AffectedPackage]

    public init(id: String, source: String, aliases: [String] = [], summary: String? = nil,
                statedSeverity: String? = nil, cvssVectors: [String] = [], references: [String] = [],
                modified: String? = nil, published: String? = nil, affected: [AffectedPackage] = []) {
        self.id = id; self.source = source; self.aliases = aliases; self.summary = summary
        self.statedSeverity = statedSeverity; self.cvssVectors = cvssVectors; self.references = references
        self.modified = modified; self.published = published; self.affected = affected
    }
}

/// What an advisory says about one package in one ecosystem (and distribution release).
public struct AffectedPackage: Sendable, Equatable {
    /// The ecosystem the package belongs to.
    public var ecosystem: Ecosystem
    /// Distribution release (`12`, `3.7`), empty for language ecosystems.
    public var release: String
    /// The package name, normalised for lookup (``PackageName/normalize(_:ecosystem:)``).
    public var name: String
    /// What an unfixed match reports: `affected`, `will_not_fix`, `fix_deferred`; or
    /// `not_affected` / `undetermined`, which never produce a finding.
    public var status: AdvisoryStatus
    /// Affected version ranges (OSV `ECOSYSTEM`/`SEMVER` ranges; distribution feeds become `introduced 0, fixed X`).
    public var ranges: [VersionRange]
    /// Exact affected versions (OSV `versions`).
    public var versions: [String]
    /// The distribution's own rating (Debian urgency) or the record's per-package severity.
    public var severity: String?

    public init(ecosystem: Ecosystem, release: String = "", name: String, status: AdvisoryStatus = .affected,
                ranges: [VersionRange] = [], versions: [String] = [], severity: String? = nil) {
        self.ecosystem = ecosystem; self.release = release; self.name = name; self.status = status
        self.ranges = ranges; self.versions = versions; self.severity = severity
    }
}

/// The status a feed gives a package.
public enum AdvisoryStatus: String, Sendable, Equatable {
    case affected
    case willNotFix = "will_not_fix"
    case fixDeferred = "fix_deferred"
    case notAffected = "not_affected"
    case undetermined
}

/// An OSV-style range: events in version order.
public struct VersionRange: Sendable, Equatable {
    /// `ECOSYSTEM` ranges use the ecosystem's order; `SEMVER` ranges use SemVer 2.0.
    public enum Kind: String, Sendable { case ecosystem = "E", semver = "S" }
    public enum Event: Sendable, Equatable {
        case introduced(String), fixed(String), lastAffected(String), limit(String)
    }
    public var kind: Kind
    public var events: [Event]
    public init(kind: Kind, events: [Event]) { self.kind = kind; self.events = events }

    /// Everything from the first version up (`introduced: 0`), optionally fixed in `fixed`.
    public static func upTo(fixed: String?) -> VersionRange {
        VersionRange(kind: .ecosystem, events: [.introduced("0")] + (fixed.map { [.fixed($0)] } ?? []))
    }
}
