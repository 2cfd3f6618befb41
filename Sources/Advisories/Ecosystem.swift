import ScanReport

/// The package ecosystems spoolscan matches advisories for, named as OSV names them.
public enum Ecosystem: String, Sendable, CaseIterable, Codable {
    case debian = "Debian"
    case ubuntu = "Ubuntu"
    case alpine = "Alpine"
    case redHat = "Red Hat"
    case rocky = "Rocky Linux"
    case almaLinux = "AlmaLinux"
    case pypi = "PyPI"
    case npm = "npm"
    case maven = "Maven"
    case go = "Go"
    case cratesIO = "crates.io"
    case rubyGems = "RubyGems"
    case packagist = "Packagist"
    case nuget = "NuGet"

    /// The version order of the ecosystem's packages.
    ///
    /// crates.io and npm use SemVer 2.0 exactly; NuGet uses SemVer 2.0 with case-insensitive labels
    /// and a fourth number; Packagist uses Composer's order (PHP `version_compare` after normalisation).
    public var comparator: any VersionComparator {
        switch self {
        case .debian, .ubuntu: return DpkgVersionComparator()
        case .alpine: return ApkVersionComparator()
        case .redHat, .rocky, .almaLinux: return RpmVersionComparator()
        case .pypi: return PEP440VersionComparator()
        case .npm, .cratesIO: return SemverVersionComparator()
        case .nuget: return SemverVersionComparator(caseInsensitive: true)
        case .maven: return MavenVersionComparator()
        case .go: return GoVersionComparator()
        case .rubyGems: return RubyGemsVersionComparator()
        case .packagist: return ComposerVersionComparator()
        }
    }

    /// Whether the ecosystem is an operating-system distribution (advisories are per release).
    public var isDistribution: Bool {
        switch self {
        case .debian, .ubuntu, .alpine, .redHat, .rocky, .almaLinux: return true
        default: return false
        }
    }

    /// Splits an OSV ecosystem string (`Debian:12`, `Alpine:v3.20`, `Ubuntu:22.04:LTS`,
    /// `Red Hat:enterprise_linux:9::appstream`, `PyPI`) into the ecosystem and the release
    /// (`12`, `3.20`, `22.04`, `9`, or `""`). Nil for ecosystems spoolscan does not inventory.
    public static func parseOSV(_ string: String) -> (Ecosystem, release: String)? {
        let parts = string.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let ecosystem = Ecosystem(rawValue: parts[0]) else { return nil }
        guard parts.count > 1 else { return (ecosystem, "") }
        switch ecosystem {
        case .alpine: return (ecosystem, Self.majorMinor(parts[1]))
        case .ubuntu:
            return (ecosystem, parts.dropFirst().first { $0.first?.isNumber == true } ?? parts[1])
        case .redHat:
            // `Red Hat:enterprise_linux:9::appstream`, `Red Hat:rhel_aus:8.4::baseos`
            let release = parts.dropFirst(2).first { $0.first?.isNumber == true } ?? ""
            return (ecosystem, release.split(separator: ".").first.map(String.init) ?? "")
        case .rocky, .almaLinux, .debian:
            return (ecosystem, parts[1].split(separator: ".").first.map(String.init) ?? parts[1])
        default: return (ecosystem, "")
        }
    }

    /// `v3.20.3` / `3.20` → `3.20`.
    static func majorMinor(_ version: String) -> String {
        var v = Substring(version)
        if v.first == "v" { v = v.dropFirst() }
        return v.split(separator: ".").prefix(2).joined(separator: ".")
    }

    /// The ecosystem and release an image's operating system takes its advisories from.
    public static func forOS(family: String, version: String) -> (Ecosystem, release: String)? {
        let major = version.split(separator: ".").first.map(String.init) ?? version
        switch family.lowercased() {
        case "debian": return (.debian, major)
        case "ubuntu": return (.ubuntu, Self.majorMinor(version))
        case "alpine": return (.alpine, Self.majorMinor(version))
        case "rhel", "centos", "redhat": return (.redHat, major)
        case "rocky": return (.rocky, major)
        case "almalinux": return (.almaLinux, major)
        default: return nil
        }
    }

    /// The ecosystem of a language package type (OS package types follow the image's OS).
    public static func forPackageType(_ type: PackageType) -> Ecosystem? {
        switch type {
        case .pypi: return .pypi
        case .npm: return .npm
        case .maven: return .maven
        case .golang: return .go
        case .cargo: return .cratesIO
        case .gem: return .rubyGems
        case .composer: return .packagist
        case .deb, .apk, .rpm: return nil
        }
    }
}
