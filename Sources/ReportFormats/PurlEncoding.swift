import Foundation

/// Percent-encoding of purl components and qualifier values: the unreserved characters
/// `A-Z a-z 0-9 . - _ ~` and `:` are kept, everything else (`/` and `@` included) is encoded.
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
