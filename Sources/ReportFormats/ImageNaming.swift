import ScanReport

/// How an image is named in the standard formats: its first repo tag split into repository and
/// tag, else its image ID.
struct ImageNaming {
    let repository: String
    let tag: String?

    init(_ image: ImageReport, fallback: String) {
        if let first = image.repoTags.first, !first.isEmpty {
            // The tag follows the last `:` after the last `/` (a registry port is not a tag).
            let lastSlash = first.lastIndex(of: "/") ?? first.startIndex
            if let colon = first[lastSlash...].lastIndex(of: ":") {
                repository = String(first[..<colon])
                tag = String(first[first.index(after: colon)...])
            } else {
                repository = first
                tag = nil
            }
        } else {
            repository = image.imageID.isEmpty ? fallback : image.imageID
            tag = nil
        }
    }

    /// `repository:tag`, or the repository alone.
    var reference: String { tag.map { "\(repository):\($0)" } ?? repository }

    /// The hex of a `sha256:` digest, nil for anything else.
    static func sha256Hex(_ digest: String) -> String? {
        guard digest.hasPrefix("sha256:") else { return nil }
        let hex = digest.dropFirst(7)
        return hex.count == 64 && hex.allSatisfy(\.isHexDigit) ? String(hex) : nil
    }

    /// The purl of an image with a manifest digest: `pkg:oci/NAME@sha256%3A…?repository_url=…&tag=…`.
    func ociPurl(manifestDigest: String?) -> String? {
        guard let manifestDigest, ImageNaming.sha256Hex(manifestDigest) != nil else { return nil }
        let name = repository.split(separator: "/").last.map(String.init) ?? repository
        guard !name.isEmpty, !name.hasPrefix("sha256:") else { return nil }
        var purl = "pkg:oci/\(PurlEncoding.encode(name.lowercased()))@\(PurlEncoding.encode(manifestDigest))"
        var qualifiers = ["repository_url=" + PurlEncoding.encode(repository.lowercased())]
        if let tag { qualifiers.append("tag=" + PurlEncoding.encode(tag)) }
        purl += "?" + qualifiers.joined(separator: "&")
        return purl
    }
}
