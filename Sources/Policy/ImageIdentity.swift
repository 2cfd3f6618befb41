import ScanReport

/// Whether a VEX product identifier names an image of the report: an OCI or Docker purl
/// (`pkg:oci/debian@sha256%3A…`, `pkg:docker/library/debian@12`), a digest (`sha256:…`, the
/// image ID or manifest digest), or an image reference as in `repoTags` (`debian:12`,
/// `docker.io/library/debian@sha256:…`).
enum ImageIdentity {
    static func names(_ identifier: String, _ image: ImageReport) -> Bool {
        let digests = Set([image.imageID, image.manifestDigest].compactMap { $0?.lowercased() })
        if let purl = PackageURL(identifier) {
            guard purl.type == "oci" || purl.type == "docker" else { return false }
            let repositories = image.repoTags.map(split)
            let nameMatches = repositories.contains { repository, _ in
                repository.split(separator: "/").last.map { String($0).lowercased() } == purl.name.lowercased()
            }
            guard let version = purl.version else { return nameMatches }
            if version.lowercased().hasPrefix("sha256:") { return digests.contains(version.lowercased()) }
            // A tag: the repository name and the tag must both match.
            return repositories.contains { repository, tag in
                tag == version && repository.split(separator: "/").last.map { String($0).lowercased() } == purl.name.lowercased()
            }
        }
        let lower = identifier.lowercased()
        if digests.contains(lower) { return true }
        if let at = lower.lastIndex(of: "@"), digests.contains(String(lower[lower.index(after: at)...])) { return true }
        return image.repoTags.contains { $0.lowercased() == lower }
    }

    /// `registry/repo:tag` as (`registry/repo`, `tag`); the tag is nil when absent.
    private static func split(_ reference: String) -> (String, String?) {
        let lastSlash = reference.lastIndex(of: "/") ?? reference.startIndex
        if let colon = reference[lastSlash...].lastIndex(of: ":") {
            return (String(reference[..<colon]), String(reference[reference.index(after: colon)...]))
        }
        return (reference, nil)
    }
}
