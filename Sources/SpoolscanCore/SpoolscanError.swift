/// The one error type spoolscan's libraries throw to their callers.
///
/// Its `description` is the one-line form users see: `SCAN-006: digest mismatch: layer sha256:ab… has sha256:cd…`.
public struct SpoolscanError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The stable code from ``ErrorCode``.
    public let code: ErrorCode
    /// Detail for this occurrence (which file, which digest). Never holds secret values.
    public let detail: String

    public init(_ code: ErrorCode, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? code.description : "\(code.description): \(detail)"
    }
}
