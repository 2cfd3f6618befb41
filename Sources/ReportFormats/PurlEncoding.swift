import Foundation

/// Percent-encoding of purl components (unreserved characters and `:` kept; `/` kept in
/// `repository_url` is not needed by any reader spoolscan knows, so it is encoded too).
enum PurlEncoding {
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~")
        allowed.insert(":")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    static func decode(_ text: Substring) -> String {
        String(text).removingPercentEncoding ?? String(text)
    }
}
