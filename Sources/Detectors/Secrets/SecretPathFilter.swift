import SpoolscanCore

/// Decides which paths the secret detector reads: skips well-known noisy paths (unless turned
/// off) and any path matching the user's allow-path regexes.
final class SecretPathFilter {
    /// Paths full of prose, translations, compiled or binary formats where a "secret" is almost
    /// always a false positive. Package lists (`var/lib/apt/lists`) are deliberately scanned.
    static let defaultSkipPatterns = [
        #"^usr/share/(?:doc|man|info|locale|i18n|zoneinfo|licenses|common-licenses|fonts|icons|pixmaps|mime|terminfo|X11/locale|help|gtk-doc)/"#,
        #"^usr/lib/locale/"#,
        #"^var/lib/dpkg/info/"#,
        #"^usr/share/perl5?/.*\.pod$"#,
        #"^usr/share/zoneinfo-"#,
        #"(?:^|/)__pycache__/"#,
        #"\.(?:pyc|pyo|mo|gmo|ttf|otf|woff2?|eot|pfb|afm|png|jpe?g|gif|ico|bmp|tiff?|webp|svgz|gz|tgz|xz|bz2|zst|lz4|zip|jar|war|whl|so(?:\.[0-9]+)*|a|o)$"#,
    ]

    private let skip: RegexMatcher?
    private let allow: RegexMatcher?

    init(useDefaults: Bool, allowPaths: [String]) throws(SpoolscanError) {
        skip = useDefaults ? RegexMatcher(try Self.combined(Self.defaultSkipPatterns)) : nil
        if allowPaths.isEmpty {
            allow = nil
        } else {
            do throws(SpoolscanError) {
                // Each pattern must be a regex of its own: joined, `a)|(b` would compile and match
                // other paths than either half says (`.*)|(?:x` would skip every file).
                for pattern in allowPaths { _ = try CompiledRegex(pattern) }
                allow = RegexMatcher(try Self.combined(allowPaths))
            } catch {
                throw SpoolscanError(.configInvalid, "secrets.allowPaths: \(error.detail)")
            }
        }
    }

    private static func combined(_ patterns: [String]) throws(SpoolscanError) -> CompiledRegex {
        try CompiledRegex(patterns.map { "(?:\($0))" }.joined(separator: "|"))
    }

    /// True when the file at `path` (layer-relative, no leading `/`) should be scanned.
    func shouldScan(_ path: String) -> Bool {
        if let skip, skip.matches(path) { return false }
        if let allow, allow.matches(path) { return false }
        return true
    }
}
