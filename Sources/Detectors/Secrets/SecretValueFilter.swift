/// Checks a candidate secret value: entropy, placeholders, redaction.
enum SecretValueFilter {
    /// Shannon entropy of `bytes`, in bits per byte.
    static func entropy(_ bytes: UnsafeRawBufferPointer) -> Double {
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            bits -= p * log2(p)
        }
        return bits
    }

    /// Lowercase values (or fragments) that mark a sample rather than a credential.
    static let placeholderFragments = [
        "example", "placeholder", "changeme", "change_me", "change-me", "changeit", "your_", "your-", "yourpass",
        "mypassword", "my_password", "password", "passwd", "secret", "dummy", "redacted", "sample", "<", "***", "xxxx",
        "foobar", "username", "insert", "replace", "%s", "%(", "{{", "${", "env.", "process.env", "getenv", "os.environ",
        "://", "anonymous", "xyzzy",
    ]
    /// Values rejected when they are exactly one of these (lowercased).
    static let placeholderValues: Set<String> = ["tiger", "pass", "test", "user", "admin", "root", "guest", "none", "null",
                                                 "true", "false", "pwd", "123456", "12345678", "default"]

    /// True when `value` looks like a placeholder, a code reference or a path rather than a secret.
    static func isPlaceholder(_ value: String) -> Bool {
        let lower = value.lowercased()
        if placeholderValues.contains(lower) { return true }
        if placeholderFragments.contains(where: { lower.contains($0) }) { return true }
        if let first = lower.unicodeScalars.first, lower.unicodeScalars.allSatisfy({ $0 == first }) { return true }
        if lower.hasPrefix("/") || lower.hasPrefix("./") || lower.hasPrefix("~/") || lower.hasPrefix("@") { return true }
        return isDottedIdentifier(value)
    }

    /// `self.password`, `config.db.secret_key`, `os.environ`: a reference in code, not a value.
    static func isDottedIdentifier(_ value: String) -> Bool {
        let parts = value.split(omittingEmptySubsequences: false) { $0 == "." || $0 == ":" }
        guard parts.count >= 2 else { return false }
        return parts.allSatisfy { part in
            guard let first = part.unicodeScalars.first, first == "_" || (first.properties.isAlphabetic && first.isASCII) else {
                return false
            }
            return part.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        }
    }

    /// True when `value` mixes at least two of: lowercase, uppercase, digits, symbols (other than
    /// `-`, `_`, `.`). Prose words and identifiers (`elevated-privileges`) fail; passwords pass.
    static func hasMixedClasses(_ value: String) -> Bool {
        var lower = false, upper = false, digit = false, symbol = false
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): lower = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): upper = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): break
            default: symbol = true
            }
        }
        return [lower, upper, digit, symbol].filter { $0 }.count >= 2
    }

    /// The redacted form kept in findings: the first 4 characters, then `****`. Values shorter
    /// than 8 characters keep at most half of them, so a short password is never shown whole.
    /// Leading white space and escaped newlines (a key body after its PEM header line, also
    /// inside a JSON string) are not counted.
    static func redact(_ value: String) -> String {
        var trimmed = Substring(value)
        while true {
            let before = trimmed.count
            trimmed = trimmed.drop { $0.isWhitespace || $0.isNewline }
            if trimmed.hasPrefix("\\n") || trimmed.hasPrefix("\\r") { trimmed = trimmed.dropFirst(2) }
            if trimmed.count == before { break }
        }
        return String(trimmed.prefix(min(4, trimmed.count / 2))) + "****"
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
