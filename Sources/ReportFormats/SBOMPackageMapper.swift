import ScanReport

/// Turns one SBOM component (its purl and the extra facts an SBOM may carry) into a ``Package``
/// spoolscan can match: the purl decides type, name and version; `distro`, `arch`, `epoch` and
/// `upstream` qualifiers and source-package properties fill in what OS matching needs.
struct SBOMPackageMapper {
    /// What an SBOM says about one component besides its purl.
    struct Facts {
        var licenses: [String] = []
        var paths: [String] = []
        var sourceName: String?
        var sourceVersion: String?
        var layer: LayerRef?
        /// The component's own name, kept for PyPI when it is the purl's name before PEP 503
        /// normalisation (`Jinja2` for `pkg:pypi/jinja2`).
        var name: String?
    }

    /// The package for `purl`, or nil when spoolscan does not know the purl type.
    static func package(purl text: String, facts: Facts) -> Package? {
        guard let purl = ParsedPackageURL(text), let version = purl.version else { return nil }
        var name = purl.name
        var fullVersion = version
        var sourceName = facts.sourceName
        var sourceVersion = facts.sourceVersion
        let type: PackageType
        switch purl.type {
        case "deb": type = .deb
        case "apk": type = .apk
        case "rpm":
            type = .rpm
            if let epoch = purl.qualifiers["epoch"], epoch != "0", !version.contains(":") { fullVersion = "\(epoch):\(version)" }
        case "pypi":
            type = .pypi
            if let original = facts.name, pep503(original) == pep503(purl.name) { name = original }
        case "npm":
            type = .npm
            if let scope = purl.namespace.first { name = (scope.hasPrefix("@") ? scope : "@" + scope) + "/" + purl.name }
        case "maven":
            type = .maven
            guard !purl.namespace.isEmpty else { return nil }
            name = purl.namespace.joined(separator: ".") + ":" + purl.name
        case "golang": type = .golang; name = (purl.namespace + [purl.name]).joined(separator: "/")
        case "composer": type = .composer; name = (purl.namespace + [purl.name]).joined(separator: "/")
        case "cargo": type = .cargo
        case "gem": type = .gem
        default: return nil
        }
        if sourceName == nil, let upstream = purl.qualifiers["upstream"] {
            (sourceName, sourceVersion) = Self.upstream(upstream, type: type, sourceVersion: sourceVersion)
        }
        if type == .deb || type == .apk || type == .rpm, sourceName == name, sourceVersion == nil { sourceName = nil }
        return Package(name: name, version: fullVersion, type: type, purl: text, sourceName: sourceName,
                       sourceVersion: sourceVersion, arch: purl.qualifiers["arch"], paths: facts.paths,
                       licenses: facts.licenses, layer: facts.layer ?? LayerRef(index: 0, diffID: ""))
    }

    /// PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`.
    static func pep503(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            if "-_.".contains(character) {
                if out.last != "-" { out.append("-") }
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// syft's `upstream` qualifier: `glibc`, `glibc@2.36-9` (deb, apk) or a source rpm file name
    /// (`glibc-2.28-211.el8.src.rpm`).
    static func upstream(_ value: String, type: PackageType, sourceVersion: String?) -> (String?, String?) {
        if type == .rpm, value.hasSuffix(".src.rpm") {
            let parts = value.dropLast(8).split(separator: "-")
            guard parts.count >= 3 else { return (nil, sourceVersion) }
            return (parts.dropLast(2).joined(separator: "-"), sourceVersion)
        }
        if let at = value.firstIndex(of: "@") {
            return (String(value[..<at]), sourceVersion ?? String(value[value.index(after: at)...]))
        }
        return (value, sourceVersion)
    }

    /// The distribution a purl's `distro` qualifier names (`debian-12`, `alpine-3.20.3`,
    /// `ubuntu-22.04`), for OS packages only.
    static func operatingSystem(purl text: String) -> OSInfo? {
        guard let purl = ParsedPackageURL(text), ["deb", "apk", "rpm"].contains(purl.type),
              let distro = purl.qualifiers["distro"], let dash = distro.firstIndex(of: "-") else { return nil }
        let family = distro[..<dash].lowercased()
        let version = String(distro[distro.index(after: dash)...])
        guard !family.isEmpty, !version.isEmpty, version.first?.isNumber == true else { return nil }
        return OSInfo(family: family, version: version, name: "\(family) \(version)")
    }
}
