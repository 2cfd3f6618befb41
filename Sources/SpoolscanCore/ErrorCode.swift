/// Every error code spoolscan reports, in one table.
///
/// A code is stable once published: reports, error JSON files and log lines carry it, and
/// tools match on it. README reproduces this table (a test checks that it does).
/// `SCAN-*` codes are properties of the input (a permanently bad artifact); `HNDL-*` codes
/// come from the job handler (the spool worker); `DB-*` from the advisory database;
/// `CONF-*` from configuration and usage. Each code has an ``ErrorCategory`` that decides
/// what the spool does with a job that ended with it.
public struct ErrorCode: Hashable, Sendable, CustomStringConvertible {
    /// The code, e.g. `SCAN-001`.
    public let code: String
    /// The fixed summary text for the code, e.g. `not a container image archive`.
    public let summary: String
    /// What kind of fault the code names: the artifact, the host, the configuration, or the scan itself.
    public let category: ErrorCategory

    /// Whether trying the same input again can succeed (`false` for a bad artifact or a wrong setting).
    public var retryable: Bool { category == .host || category == .internal }

    public var description: String { "\(code): \(summary)" }

    init(_ code: String, _ summary: String, _ category: ErrorCategory) {
        self.code = code
        self.summary = summary
        self.category = category
    }
}

extension ErrorCode {
    // MARK: Input (the artifact itself is bad; never retried)
    public static let notAnImage = ErrorCode("SCAN-001", "not a container image archive", .artifact)
    public static let emptyFile = ErrorCode("SCAN-002", "empty file", .artifact)
    public static let truncated = ErrorCode("SCAN-003", "truncated or corrupt archive", .artifact)
    public static let corruptCompression = ErrorCode("SCAN-004", "corrupt compressed stream", .artifact)
    public static let missingBlob = ErrorCode("SCAN-005", "manifest names a missing blob", .artifact)
    public static let digestMismatch = ErrorCode("SCAN-006", "digest mismatch", .artifact)
    public static let unsafePath = ErrorCode("SCAN-007", "unsafe path in layer", .artifact)
    public static let symlinkLoop = ErrorCode("SCAN-008", "symlink loop", .artifact)
    public static let decompressionBomb = ErrorCode("SCAN-009", "decompression limit exceeded", .artifact)
    public static let tooManyEntries = ErrorCode("SCAN-010", "too many entries", .artifact)
    public static let nameTooLong = ErrorCode("SCAN-011", "name too long", .artifact)
    public static let badManifest = ErrorCode("SCAN-012", "invalid manifest or image config", .artifact)
    public static let unsupportedMedia = ErrorCode("SCAN-013", "unsupported media type", .artifact)
    public static let unreadable = ErrorCode("SCAN-014", "artifact cannot be read", .host)
    /// A report warning: the layer cache file is damaged, foreign or not writable; the scan ran without it.
    public static let layerCacheUnusable = ErrorCode("SCAN-015", "layer cache unusable", .host)

    // MARK: Handler (the spool worker)
    public static let handlerSendStatus = ErrorCode("HNDL-001", "report could not be written", .host)
    public static let retriesExhausted = ErrorCode("HNDL-002", "retries exhausted", .internal)
    public static let scannerConfigInvalid = ErrorCode("HNDL-003", "scanner config invalid", .configuration)
    public static let scanTimeout = ErrorCode("HNDL-004", "scan time out", .internal)
    public static let scannerCrashed = ErrorCode("HNDL-005", "scanner crashed", .internal)
    public static let outOfMemory = ErrorCode("HNDL-006", "scanner out of memory", .internal)
    public static let diskFull = ErrorCode("HNDL-007", "disk full", .host)
    public static let spoolLocked = ErrorCode("HNDL-008", "spool is locked by another daemon", .configuration)
    public static let spoolInvalid = ErrorCode("HNDL-009", "spool folder invalid", .configuration)
    public static let notRegularFile = ErrorCode("HNDL-010", "not a regular file", .artifact)
    /// The notification hook could not be started, exited non-zero, timed out or was dropped;
    /// the job itself is unaffected.
    public static let notificationHookFailed = ErrorCode("HNDL-020", "notification hook failed", .host)
    /// The Prometheus metrics file could not be written; scanning goes on.
    public static let metricsFileNotWritten = ErrorCode("HNDL-021", "metrics file could not be written", .host)
    /// A sweep ended with jobs held in `pending/` for a fault of the host (disk full, an unreadable
    /// artifact, the database); a later run tries them again. The sweep exits 75.
    public static let jobsHeld = ErrorCode("HNDL-011", "jobs held for a fault of the host", .host)
    /// The PostgreSQL job queue (`--queue`) cannot be reached: running scans go on, no job is
    /// claimed until it answers again.
    public static let queueUnreachable = ErrorCode("HNDL-022", "job queue database unreachable", .host)
    /// The job queue's schema is newer than this build knows (another host runs a newer spoolscan).
    public static let queueSchema = ErrorCode("HNDL-023", "job queue schema version unsupported", .configuration)
    /// A statement on the job queue failed for a reason other than the connection.
    public static let queueQueryFailed = ErrorCode("HNDL-024", "job queue query failed", .host)
    /// This host's lease on a job expired and another host took the job over: its result is dropped.
    public static let leaseLost = ErrorCode("HNDL-025", "job lease lost to another host", .host)
    /// The `--queue` URL (or `SPOOLSCAN_QUEUE`) is not a PostgreSQL connection URL.
    public static let queueURLInvalid = ErrorCode("HNDL-026", "job queue URL invalid", .configuration)

    // MARK: Advisory database
    public static let dbMissing = ErrorCode("DB-001", "advisory database not found", .host)
    public static let dbCorrupt = ErrorCode("DB-002", "advisory database unreadable", .host)
    public static let dbImportFormat = ErrorCode("DB-003", "unrecognised advisory feed", .configuration)
    public static let dbStale = ErrorCode("DB-004", "advisory database is stale", .host)
    public static let dbSchema = ErrorCode("DB-005", "advisory database schema version unsupported", .configuration)
    public static let dbDownload = ErrorCode("DB-006", "advisory feed download failed", .host)
    public static let vulnerabilitiesNotMatched = ErrorCode("DB-007", "vulnerabilities not matched", .host)
    /// The database holds no advisories for a distribution release or language ecosystem present in the image.
    public static let dbNoCoverage = ErrorCode("DB-008", "no advisories for these packages", .host)
    /// An import path yielded no advisory records.
    public static let dbImportEmpty = ErrorCode("DB-009", "advisory feed holds no records", .configuration)

    // MARK: Configuration and usage
    public static let configInvalid = ErrorCode("CONF-001", "configuration invalid", .configuration)
    public static let rulesInvalid = ErrorCode("CONF-002", "detector rules invalid", .configuration)
    public static let internalError = ErrorCode("CONF-099", "internal error", .internal)
    /// A file or folder named by a flag, an argument, a variable or the settings file does not exist.
    public static let namedFileMissing = ErrorCode("CONF-003", "named file not found", .configuration)
    /// The settings file cannot be read, is not YAML, or is not a mapping of settings.
    public static let settingsFileInvalid = ErrorCode("CONF-004", "settings file invalid", .configuration)
    /// A key of the settings file that no setting has.
    public static let settingUnknown = ErrorCode("CONF-005", "unknown setting", .configuration)
    /// A setting whose value is not of its type (a word where a number belongs, a list where one value does).
    public static let settingWrongType = ErrorCode("CONF-006", "setting has the wrong type", .configuration)
    /// A setting whose value is of the right type but outside what it allows.
    public static let settingOutOfRange = ErrorCode("CONF-007", "setting out of range", .configuration)
    /// Retention could not remove a file of an expired job (permissions, a read-only filesystem).
    public static let retentionRemoveFailed = ErrorCode("CONF-008", "expired job could not be removed", .host)
    /// A file given to `report show`/`report diff` is not a spoolscan report (or cannot be read).
    public static let notAReport = ErrorCode("CONF-009", "not a spoolscan report", .configuration)

    // MARK: Partial results (warnings inside a finished report)
    public static let packageFileSkipped = ErrorCode("INV-001", "package file could not be read", .artifact)
    public static let fileNotScanned = ErrorCode("DET-001", "file not scanned by a detector", .artifact)

    // MARK: Policy and VEX (`scan`/`rematch` exit 3 on these; POL-005 is a report warning)
    public static let policyInvalid = ErrorCode("POL-001", "policy file invalid", .configuration)
    public static let policyUnreadable = ErrorCode("POL-002", "policy file cannot be read", .configuration)
    public static let vexInvalid = ErrorCode("POL-003", "VEX document invalid", .configuration)
    public static let vexUnreadable = ErrorCode("POL-004", "VEX document cannot be read", .configuration)
    public static let policyIgnoreExpired = ErrorCode("POL-005", "policy ignore expired", .configuration)

    // MARK: Report formats and SBOM input
    public static let sbomUnrecognised = ErrorCode("RPT-001", "SBOM format not recognised", .artifact)
    public static let sbomInvalid = ErrorCode("RPT-002", "SBOM invalid", .artifact)
    public static let sbomComponentSkipped = ErrorCode("RPT-003", "SBOM component without a usable purl", .artifact)

    /// All codes, in table order. README's error table lists exactly these.
    public static let all: [ErrorCode] = [
        .notAnImage, .emptyFile, .truncated, .corruptCompression, .missingBlob, .digestMismatch,
        .unsafePath, .symlinkLoop, .decompressionBomb, .tooManyEntries, .nameTooLong, .badManifest,
        .unsupportedMedia, .unreadable, .layerCacheUnusable,
        .handlerSendStatus, .retriesExhausted, .scannerConfigInvalid, .scanTimeout, .scannerCrashed,
        .outOfMemory, .diskFull, .spoolLocked, .spoolInvalid, .notRegularFile,
        .notificationHookFailed, .metricsFileNotWritten, .jobsHeld,
        .queueUnreachable, .queueSchema, .queueQueryFailed, .leaseLost, .queueURLInvalid,
        .dbMissing, .dbCorrupt, .dbImportFormat, .dbStale, .dbSchema, .dbDownload,
        .vulnerabilitiesNotMatched, .dbNoCoverage, .dbImportEmpty,
        .configInvalid, .rulesInvalid, .internalError,
        .packageFileSkipped, .fileNotScanned,
        .policyInvalid, .policyUnreadable, .vexInvalid, .vexUnreadable, .policyIgnoreExpired,
        .sbomUnrecognised, .sbomInvalid, .sbomComponentSkipped,
        .namedFileMissing, .settingsFileInvalid, .settingUnknown, .settingWrongType, .settingOutOfRange,
        .retentionRemoveFailed, .notAReport,
    ]

    /// Looks a code up by its text (`SCAN-001`).
    public static func named(_ code: String) -> ErrorCode? { all.first { $0.code == code } }
}
