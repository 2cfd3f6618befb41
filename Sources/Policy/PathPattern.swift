import Foundation

/// Path patterns of ignore entries: a glob (`*`, `?`, `[…]`; `*` also crosses `/`) matched
/// against a path in the image, leading `/` ignored; a pattern without wildcards also
/// matches everything below it as a folder.
enum PathPattern {
    static func matches(_ pattern: String, _ path: String) -> Bool {
        let pattern = strip(pattern), path = strip(path)
        if pattern.isEmpty { return true }
        if fnmatch(pattern, path, 0) == 0 { return true }
        let folder = pattern.hasSuffix("/") ? pattern : pattern + "/"
        return path.hasPrefix(folder)
    }

    private static func strip(_ text: String) -> String {
        var text = Substring(text)
        while text.hasPrefix("/") { text = text.dropFirst() }
        if text.hasPrefix("./") { text = text.dropFirst(2) }
        return String(text)
    }
}
