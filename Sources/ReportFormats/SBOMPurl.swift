import ScanReport

/// The purl a package is given in an SBOM: the report's purl, plus for an OS package built from
/// a differently named source package the `upstream` qualifier syft writes (`upstream=glibc`, or
/// `upstream=glibc@2.36-9` when the source version differs), so SBOM readers such as grype and
/// `spoolscan scan --sbom` match it by its source package as advisories are written.
enum SBOMPurl {
    static func of(_ package: Package) -> String {
        guard [.deb, .apk, .rpm].contains(package.type), package.purl.hasPrefix("pkg:"),
              !package.purl.contains("upstream="), let source = package.sourceName, !source.isEmpty else { return package.purl }
        var upstream = source
        if let version = package.sourceVersion, !version.isEmpty, version != package.version { upstream += "@" + version }
        guard source != package.name || upstream != source else { return package.purl }
        let separator = package.purl.contains("?") ? "&" : "?"
        return package.purl + separator + "upstream=" + PurlEncoding.encode(upstream)
    }
}
