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
    /// a run of six `x` or `X`, `****`, `<…>`, `your-…-here` / `your_…_here`, `changeme`. Not asked
    /// for private keys: their body is checked by ``SecretFormatCheck`` instead.
    static func isExample(_ value: String) -> Bool {
        if values.contains(value) { return true }
        let lower = value.lowercased()
        if fragments.contains(where: { lower.contains($0) }) { return true }
        if value.contains("xxxxxx") || value.contains("XXXXXX") { return true }
        if let open = lower.firstIndex(of: "<"), lower[open...].contains(">") { return true }
        if hasYourHereMark(Array(lower.utf8)) { return true }
        return values.contains { value.contains($0) }
    }

    /// `your` as the start of a word followed by a separator, then `here` as the end of a word
    /// after a separator (`your-token-here`, `YOUR_KEY_HERE`, `yourkey_here`). The letters alone
    /// are not enough: a long base64 value holds `yOUR` and `hERE` by chance.
    static func hasYourHereMark(_ lower: [UInt8]) -> Bool {
        func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: ".") }
        func isWordByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        let your = Array("your".utf8), here = Array("here".utf8)
        var start: Int?
        var index = 0
        while index + 4 <= lower.count {
            if start == nil, lower[index..<(index + 4)].elementsEqual(your), index == 0 || !isWordByte(lower[index - 1]) {
                start = index + 4
            } else if let after = start, index > after, lower[index..<(index + 4)].elementsEqual(here), isSeparator(lower[index - 1]),
                      index + 4 == lower.count || !isWordByte(lower[index + 4]) {
                return true
            }
            index += 1
        }
        return false
    }
}
