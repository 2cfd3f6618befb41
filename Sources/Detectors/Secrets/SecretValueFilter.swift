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
        "://", "anonymous", "xyzzy", "pass",
    ]
    /// Values rejected when they are exactly one of these (lowercased).
    static let placeholderValues: Set<String> = ["tiger", "pass", "test", "user", "admin", "root", "guest", "none", "null",
                                                 "true", "false", "pwd", "123456", "12345678", "default", "foo", "bar", "baz"]

    /// Digits that stand in for letters in `s3cret`, `t3st`, `p4ssw0rd`.
    private static let leet: [Character: Character] = ["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"]

    /// True when `value` looks like a placeholder, a code reference or a path rather than a
    /// secret; `s3cret`-style digits for letters count as the word.
    /// The digits-as-letters form is held to whole values and fragments of five characters or
    /// more: a random password holding `P455` is not `pass`. The shape checks (path, `@name`,
    /// dotted identifier) look at `value` as written: lowercased, with digits read as letters,
    /// a random base64 value (`/Fva0…`) would read as a path.
    static func isPlaceholder(_ value: String) -> Bool {
        let lower = value.lowercased()
        if isPlaceholderWord(lower, shortestFragment: 1) { return true }
        let plain = String(lower.map { leet[$0] ?? $0 })
        if plain != lower && isPlaceholderWord(plain, shortestFragment: 5) { return true }
        return isPath(value) || lower.hasPrefix("@") || isDottedIdentifier(value)
    }

    /// `lower` (already lowercased) is a placeholder value, holds a placeholder fragment of at
    /// least `shortestFragment` characters, or repeats one character.
    private static func isPlaceholderWord(_ lower: String, shortestFragment: Int) -> Bool {
        if placeholderValues.contains(lower) { return true }
        if placeholderFragments.contains(where: { $0.count >= shortestFragment && lower.contains($0) }) { return true }
        if let first = lower.unicodeScalars.first, lower.unicodeScalars.allSatisfy({ $0 == first }) { return true }
        return false
    }

    /// A file path rather than a value: `/`, `./` or `~/` first, then lowercase path characters
    /// only, or a file extension at the end (`/run/secrets/db_password`, `./certs/key.pem`). A
    /// base64 secret that happens to start with `/` has capitals and digits and stays a value.
    static func isPath(_ value: String) -> Bool {
        guard value.hasPrefix("/") || value.hasPrefix("./") || value.hasPrefix("~/") else { return false }
        let pathBytes = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "~")
        }
        guard !pathBytes else { return true }
        guard let dot = value.lastIndex(of: "."), !value[dot...].contains("/") else { return false }
        let extensionPart = value[value.index(after: dot)...]
        return (1...5).contains(extensionPart.count) && extensionPart.allSatisfy { $0.isASCII && $0.isLetter }
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

    /// A name in code rather than a value: letters, digits and `_` only, made of words
    /// (`ExclusiveStartKey`, `PKCS7PrivateKeyTypes`, `automountServiceAccountToken`,
    /// `hide_password`): on average 3.5 or more characters per word, where a word is a run of
    /// lowercase letters with an optional capital, a run of capitals, or a run of digits.
    /// Random strings of the same alphabet break into words of 1–2 characters.
    static func isIdentifier(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ isWordByte($0) }) else { return false }
        var words = 0
        var letters = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "_") { index += 1; continue }
            words += 1
            let start = index
            if isDigit(byte) {
                while index < bytes.count && isDigit(bytes[index]) { index += 1 }
            } else if isUpper(byte) {
                index += 1
                if index < bytes.count && isLower(bytes[index]) {
                    while index < bytes.count && isLower(bytes[index]) { index += 1 }
                } else {
                    while index < bytes.count && isUpper(bytes[index])
                            && !(index + 1 < bytes.count && isLower(bytes[index + 1])) { index += 1 }
                }
            } else {
                while index < bytes.count && isLower(bytes[index]) { index += 1 }
            }
            letters += index - start
        }
        return words > 0 && Double(letters) / Double(words) >= 3.5
    }

    /// Template or format syntax rather than a value: `var|default:`, `%(name)s`, `{0}`.
    static func isTemplate(_ value: String) -> Bool {
        value.contains("|") || value.contains("%(") || value.contains("{") || value.contains("}")
    }

    /// True when `value` has at least three of lowercase, uppercase, digits, symbols, or is
    /// hexadecimal of at least 32 characters with letters and digits (a hex API key). Keyboard
    /// runs in docs (`sdf0o9823sjdfsdf`, `lsdajfh923874`) have two.
    static func looksRandom(_ value: String) -> Bool {
        var lower = false, upper = false, digit = false, symbol = false
        for byte in value.utf8 {
            if isLower(byte) { lower = true } else if isUpper(byte) { upper = true } else if isDigit(byte) { digit = true } else { symbol = true }
        }
        if [lower, upper, digit, symbol].filter({ $0 }).count >= 3 { return true }
        let hex = value.utf8.allSatisfy { isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0 | 0x20) }
        return hex && digit && (lower || upper) && value.utf8.count >= 32
    }

    private static func isLower(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) }
    private static func isUpper(_ byte: UInt8) -> Bool { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    private static func isWordByte(_ byte: UInt8) -> Bool { isLower(byte) || isUpper(byte) || isDigit(byte) || byte == UInt8(ascii: "_") }

    /// The extra checks of the `generic-*` rules: two character classes (three, or a long hex
    /// string, for keys and secrets), no identifier or template syntax, and not on a doctest
    /// line (`>>>`, `...`) of which `linePrefix` is the part before the match.
    static func isGenericValue(_ value: String, ruleID: String, line linePrefix: UnsafeRawBufferPointer.SubSequence) -> Bool {
        guard hasMixedClasses(value), !isIdentifier(value), !isTemplate(value) else { return false }
        if ruleID != "generic-password" && !looksRandom(value) { return false }
        let start = linePrefix.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        return !(start.starts(with: ">>>".utf8) || start.starts(with: "...".utf8))
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
