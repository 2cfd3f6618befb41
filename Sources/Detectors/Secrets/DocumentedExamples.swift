/// Values that documentation publishes as examples: the issuers' own sample credentials and
/// the marks people use for "put yours here". A match holding one is not a credential.
enum DocumentedExamples {
    /// Published sample values: AWS's example key pair and role IDs, the tokens and client
    /// credentials of RFC 6749 (OAuth 2.0) examples, jwt.io's default token signature.
    static let values: Set<String> = [
        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAI44QH8DHBEXAMPLE",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "2YotnFZFEjr1zCsicMWpAA", "tGzv3JOkF0XG5Qx2TlKWIA", "czZCaGRSa3F0MzpnWDFmQmF0M2JW", "SplxlOBeZQQYbYS6WxSbIA",
        "mF_9.B5f-4.1JqM", "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    ]

    /// Fragments (lowercased) that mark a sample: `example`, runs of `*`, `changeme`.
    static let fragments = ["example", "****", "changeme", "change_me", "change-me"]

    /// True when `value` is a published example or carries an example mark: `EXAMPLE`,
    /// `xxxx` / `XXXX`, `****`, `<…>`, `your-…-here` / `your_…_here`, `changeme`. Not asked
    /// for private keys: their body is checked by ``SecretFormatCheck`` instead.
    static func isExample(_ value: String) -> Bool {
        if values.contains(value) { return true }
        let lower = value.lowercased()
        if fragments.contains(where: { lower.contains($0) }) { return true }
        if value.contains("xxxx") || value.contains("XXXX") { return true }
        if let open = lower.firstIndex(of: "<"), lower[open...].contains(">") { return true }
        if lower.contains("your") && lower.contains("here") { return true }
        return values.contains { value.contains($0) }
    }
}
