import SpoolscanCore

/// The `--queue` setting: a PostgreSQL connection URL.
public struct QueueURL: Sendable, Equatable, CustomStringConvertible {
    /// The URL as given (handed to libpq only; never logged: it may hold a password).
    public let value: String

    /// Accepts `postgres://…` and `postgresql://…` (libpq's URI forms); throws `HNDL-026` otherwise.
    public init(_ value: String) throws(SpoolscanError) {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://"),
              trimmed.count > "postgres://".count || trimmed.hasPrefix("postgres:///") else {
            throw SpoolscanError(.queueURLInvalid, "expected postgres://[user[:password]@]host[:port]/database[?…], got \(Self.redact(trimmed))")
        }
        self.value = trimmed
    }

    /// The URL with any password replaced by `***`, for logs and messages.
    public var description: String { Self.redact(value) }

    static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url.isEmpty ? "(empty)" : "(not a URL)" }
        let rest = url[scheme.upperBound...]
        var redacted = String(url[..<scheme.upperBound])
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            if let colon = credentials.firstIndex(of: ":") {
                redacted += credentials[..<colon] + ":***"
            } else {
                redacted += credentials
            }
            redacted += String(rest[at...])
        } else {
            redacted += rest
        }
        // password=… in the query string
        if let range = redacted.range(of: "password=") {
            let end = redacted[range.upperBound...].firstIndex(of: "&") ?? redacted.endIndex
            redacted.replaceSubrange(range.upperBound..<end, with: "***")
        }
        return redacted
    }
}
