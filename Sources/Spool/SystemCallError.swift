import Foundation
import SpoolscanCore

/// A failed system call: the operation, the path and `errno`.
///
/// Spool code throws this from its file helpers and maps it to an ``ErrorCode`` at the edge
/// (`ENOSPC` → `HNDL-007`, `EXDEV` → `HNDL-009`).
public struct SystemCallError: Error, Sendable, CustomStringConvertible {
    /// The call that failed, e.g. `rename`.
    public let operation: String
    /// The path it was given.
    public let path: String
    /// The `errno` value.
    public let code: Int32

    public init(_ operation: String, _ path: String, _ code: Int32 = errno) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    public var description: String {
        "\(operation) \(path): \(String(cString: strerror(code)))"
    }

    /// Whether the disk (or quota) is full.
    public var isDiskFull: Bool { code == ENOSPC || code == EDQUOT }

    /// The spoolscan error users see for this failure.
    public var spoolscanError: SpoolscanError {
        if isDiskFull { return SpoolscanError(.diskFull, description) }
        if code == EXDEV {
            return SpoolscanError(.spoolInvalid,
                "\(description) (EXDEV: the spool's folders must all be on one filesystem; drop files via spool/tmp/)")
        }
        return SpoolscanError(.handlerSendStatus, description)
    }
}
