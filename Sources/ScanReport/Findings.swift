/// Severity levels, lowest first. An image takes the highest severity of its findings.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case unknown = "UNKNOWN"
    case negligible = "NEGLIGIBLE"
    case low = "LOW"
    case medium = "MEDIUM"
    case high = "HIGH"
    case critical = "CRITICAL"

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Counts of findings per severity.
public struct SeveritySummary: Codable, Sendable, Equatable {
    public var critical = 0, high = 0, medium = 0, low = 0, negligible = 0, unknown = 0
    public init() {}
    public mutating func add(_ severity: Severity) {
        switch severity {
        case .critical: critical += 1
        case .high: high += 1
        case .medium: medium += 1
        case .low: low += 1
        case .negligible: negligible += 1
        case .unknown: unknown += 1
        }
    }
}

/// A CVSS vector and the base score computed from it.
public struct CVSS: Codable, Sendable, Equatable {
    public var vector: String
    public var score: Double?
    public init(vector: String, score: Double?) { self.vector = vector; self.score = score }
}

/// One advisory affecting one package.
public struct Vulnerability: Codable, Sendable, Equatable {
    public var id: String
    public var aliases: [String]
    public var packageName: String
    public var packageType: PackageType
    public var purl: String
    public var installedVersion: String
    public var fixedVersion: String?
    /// `fixed`, `affected`, `will_not_fix`, `fix_deferred`.
    public var status: String
    public var severity: Severity
    public var cvss: CVSS?
    public var title: String?
    /// The feed it came from (`osv:PyPI`, `alpine-secdb`, `debian-tracker`).
    public var source: String
    public var layer: LayerRef
    public var references: [String]
    /// Where the package was found in the image (the package's first path: a Go binary for a
    /// `stdlib` or module finding, a `METADATA` file, the dpkg status file); nil in older reports.
    public var path: String?
    /// When the advisory was first published (OSV `published`, RFC 3339), where the feed says;
    /// a policy's `olderThanDays` measures a finding's age from it.
    public var published: String?
    /// Set when a policy ignore or a VEX statement suppresses the finding.
    public var suppression: Suppression?

    public init(id: String, aliases: [String], packageName: String, packageType: PackageType, purl: String,
                installedVersion: String, fixedVersion: String?, status: String, severity: Severity,
                cvss: CVSS?, title: String?, source: String, layer: LayerRef, references: [String]) {
        self.id = id; self.aliases = aliases; self.packageName = packageName; self.packageType = packageType
        self.purl = purl; self.installedVersion = installedVersion; self.fixedVersion = fixedVersion
        self.status = status; self.severity = severity; self.cvss = cvss; self.title = title
        self.source = source; self.layer = layer; self.references = references
    }
}

/// Which advisory database a report was matched against.
public struct DatabaseInfo: Codable, Sendable, Equatable {
    public var path: String
    public var builtAt: String
    public var schemaVersion: Int
    public var sources: [DatabaseSource]
    public var matchedAt: String
    public init(path: String, builtAt: String, schemaVersion: Int, sources: [DatabaseSource], matchedAt: String) {
        self.path = path; self.builtAt = builtAt; self.schemaVersion = schemaVersion
        self.sources = sources; self.matchedAt = matchedAt
    }
}

/// One feed inside the advisory database.
public struct DatabaseSource: Codable, Sendable, Equatable {
    public var name: String
    public var importedAt: String
    public var records: Int
    public init(name: String, importedAt: String, records: Int) {
        self.name = name; self.importedAt = importedAt; self.records = records
    }
}

/// A secret found in a file or the image config. Only a redacted match is kept.
public struct SecretFinding: Codable, Sendable, Equatable {
    public var ruleID: String
    public var category: String
    public var severity: Severity
    public var title: String
    /// Path in the layer, or `config:Env` / `config:history[N]`.
    public var path: String
    public var line: Int
    /// First 4 characters of the match, then `****`.
    public var match: String
    public var layer: LayerRef?
    /// The file was removed by a later layer but its bytes remain in the image.
    public var deletedInLaterLayer: Bool
    /// How sure the rule is; nil in reports written before confidence was recorded.
    public var confidence: Confidence?
    /// Why severity or confidence was lowered below the rule's own (e.g. the file is in a test
    /// folder); nil when the rule's values stand.
    public var reason: String?
    /// Set when a policy ignore suppresses the finding.
    public var suppression: Suppression?

    public init(ruleID: String, category: String, severity: Severity, title: String, path: String,
                line: Int, match: String, layer: LayerRef?, deletedInLaterLayer: Bool) {
        self.ruleID = ruleID; self.category = category; self.severity = severity; self.title = title
        self.path = path; self.line = line; self.match = match; self.layer = layer
        self.deletedInLaterLayer = deletedInLaterLayer
    }
}

/// A file matched by a malware rule or the deny list.
public struct MalwareFinding: Codable, Sendable, Equatable {
    public var rule: String
    public var namespace: String
    public var path: String
    public var layer: LayerRef
    public var sha256: String
    public var tags: [String]
    public var deletedInLaterLayer: Bool
    /// Set when a policy ignore suppresses the finding.
    public var suppression: Suppression?
    public init(rule: String, namespace: String, path: String, layer: LayerRef, sha256: String,
                tags: [String], deletedInLaterLayer: Bool) {
        self.rule = rule; self.namespace = namespace; self.path = path; self.layer = layer
        self.sha256 = sha256; self.tags = tags; self.deletedInLaterLayer = deletedInLaterLayer
    }
}

/// An image misconfiguration (CIS Docker benchmark / Dockle-style check).
public struct Misconfiguration: Codable, Sendable, Equatable {
    public var id: String
    public var title: String
    public var severity: Severity
    /// Paths, history lines or config fields that show the problem.
    public var evidence: [String]
    /// Set when a policy ignore suppresses the finding.
    public var suppression: Suppression?
    public init(id: String, title: String, severity: Severity, evidence: [String]) {
        self.id = id; self.title = title; self.severity = severity; self.evidence = evidence
    }
}
