/// Package-name normalisation per ecosystem, so inventory names and advisory names meet.
public enum PackageName {
    /// - PyPI: PEP 503 (lowercase, runs of `-`, `_`, `.` become one `-`).
    /// - npm, NuGet, Packagist, crates.io: lowercase (their registries are case-insensitive).
    /// - Go module paths, Maven `group:artifact`, RubyGems and distribution packages: as written
    ///   (case-sensitive), trimmed.
    public static func normalize(_ name: String, ecosystem: Ecosystem) -> String {
        let trimmed = name.trimmingSpaces
        switch ecosystem {
        case .pypi:
            var out = ""
            var lastWasSeparator = false
            for c in trimmed.lowercased() {
                if c == "-" || c == "_" || c == "." {
                    if !lastWasSeparator { out.append("-") }
                    lastWasSeparator = true
                } else {
                    out.append(c)
                    lastWasSeparator = false
                }
            }
            return out
        case .npm, .nuget, .packagist, .cratesIO:
            return trimmed.lowercased()
        default:
            return trimmed
        }
    }
}
