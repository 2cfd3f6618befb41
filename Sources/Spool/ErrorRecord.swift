import Foundation
import SpoolscanCore

/// The sidecar written next to a failed artifact: `error/NAME.error.json`.
public struct ErrorRecord: Codable, Sendable, Equatable {
    /// The artifact's name in `error/`.
    public var name: String
    /// The name it was dropped under, when it had to be renamed to stay unique.
    public var originalName: String?
    /// The code: the bad input's `SCAN-*` code, or the last attempt's cause (`HNDL-004` time
    /// out, `HNDL-005` crashed, `HNDL-006` out of memory, `HNDL-007` disk full, `HNDL-001` report
    /// failed); `HNDL-002` when every attempt was interrupted by the worker itself dying.
    public var code: String
    public var message: String
    /// Counted attempts made.
    public var attempts: Int
    /// True when the job failed because it ran out of attempts (rather than bad input).
    public var retriesExhausted: Bool
    public var receivedAt: String
    public var failedAt: String
    /// Every attempt: start, duration, cause, code, detail, stderr tail (last 4 KiB).
    public var history: [AttemptRecord]

    /// The record as written to disk (pretty, sorted keys).
    static func encode(_ record: ErrorRecord) throws(SpoolscanError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do { return try encoder.encode(record) } catch {
            throw SpoolscanError(.internalError, "cannot encode the error record of \(record.name): \(error)")
        }
    }
}
