/// The JSON report spoolscan writes for one artifact (schema in `schemas/report.schema.json`).
///
/// Field names are camelCase and stable; `schemaVersion` changes when a field is removed or
/// changes meaning (adding a field is not a change of version).
public struct Report: Codable, Sendable, Equatable {
    /// The version of this schema, currently ``Report/currentSchemaVersion``.
    public var schemaVersion: String
    public var scanner: ScannerInfo
    /// When the scan ran (RFC 3339, UTC).
    public var createdAt: String
    public var artifact: Artifact
    /// Set when vulnerabilities were matched: which database, how old.
    public var database: DatabaseInfo?
    /// Warnings that do not stop the scan (stale database, skipped large files), each once.
    public var warnings: [ReportWarning]
    /// How the spool handled the job (receipt, attempts, unique name); nil outside the spool.
    public var job: JobInfo?
    /// The policy's decision; nil when no policy was evaluated.
    public var verdict: Verdict?

    public static let currentSchemaVersion = "2.0"

    public init(scanner: ScannerInfo = .current, createdAt: String, artifact: Artifact,
                database: DatabaseInfo? = nil, warnings: [ReportWarning] = []) {
        self.schemaVersion = Report.currentSchemaVersion
        self.scanner = scanner
        self.createdAt = createdAt
        self.artifact = artifact
        self.database = database
        self.warnings = warnings
    }
}

/// Which program wrote the report.
public struct ScannerInfo: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public init(name: String, version: String) { self.name = name; self.version = version }
    /// This build of spoolscan.
    public static let current = ScannerInfo(name: "spoolscan", version: SpoolscanVersion.string)
}

/// The version of this build.
public enum SpoolscanVersion {
    public static let string = "0.1.0"
}

/// The file that was scanned and the images found in it.
public struct Artifact: Codable, Sendable, Equatable {
    /// Path as given to the scanner; in a spool's report, the artifact's file name beside the
    /// report (`done/NAME.report.json` describes `done/NAME`).
    public var path: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    public var size: Int64
    /// `docker-archive`, `oci-archive` or `oci-layout`, with `+gzip`/`+zstd` when the whole file is compressed;
    /// `cyclonedx-json` or `spdx-json` for a report made from an SBOM.
    public var format: String
    public var images: [ImageReport]

    public init(path: String, sha256: String, size: Int64, format: String, images: [ImageReport]) {
        self.path = path; self.sha256 = sha256; self.size = size; self.format = format; self.images = images
    }
}
