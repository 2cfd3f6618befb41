/// Package-name normalisation per ecosystem, so inventory names and advisory names meet.
public enum PackageName {
    /// - PyPI: PEP 503 (lowercase, runs of `-`, `_`, `.` become one `-`).
    /// - npm, NuGet, Packagist, crates.io: lowercase (their registries are case-insensitive).
    /// - Go module paths, Maven `group:artifact`, RubyGems and distribution packages: as written
    ///   (case-sensitive), trimmed.
    public static func normalize(_ name: String, ecosystem: Ecosystem) -> String {
        if ecosystem == .pypi, let ascii = pep503ASCII(name) { return ascii }
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

    /// PEP 503 on the bytes of a name that is ASCII letters, digits, `-`, `_` and `.` only (every
    /// real PyPI name): the same result as the general path, without Character-level work; nil
    /// for anything else.
    static func pep503ASCII(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var lastWasSeparator = false
            for c in bytes {
                if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") {
                    if !lastWasSeparator { out.append(UInt8(ascii: "-")) }
                    lastWasSeparator = true
                } else if c.isASCIIAlphanumeric {
                    out.append(c.isASCIILetter && !c.isASCIILower ? c + 32 : c)
                    lastWasSeparator = false
                } else {
                    return nil
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
