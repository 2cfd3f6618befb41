import Foundation
import ScanReport

/// What to look a package up by: ecosystem, distribution release, normalised name, and the version to compare.
struct PackageQuery: Equatable {
    var ecosystem: Ecosystem
    var release: String
    var name: String
    var version: String

    /// OS packages use the image's distribution and release, the source package name (dpkg
    /// `Source`, apk origin, source rpm) and the source version where the cataloguer recorded one
    /// (advisories are written against source packages; this is also what trivy compares), else the
    /// package's own version. Language packages use their ecosystem and normalised name.
    init?(package: Package, os: (Ecosystem, release: String)?) {
        switch package.type {
        case .deb, .apk, .rpm:
            guard let (ecosystem, release) = os, Self.osType(ecosystem) == package.type else { return nil }
            self.ecosystem = ecosystem
            self.release = release
            name = package.sourceName.flatMap { $0.isEmpty ? nil : $0 } ?? package.name
            version = package.sourceVersion.flatMap { $0.isEmpty ? nil : $0 } ?? package.version
        default:
            guard let ecosystem = Ecosystem.forPackageType(package.type) else { return nil }
            self.ecosystem = ecosystem
            release = ""
            name = PackageName.normalize(Self.languageName(package, ecosystem), ecosystem: ecosystem)
            version = package.version
        }
    }

    static func osType(_ ecosystem: Ecosystem) -> PackageType? {
        switch ecosystem {
        case .debian, .ubuntu: return .deb
        case .alpine: return .apk
        case .redHat, .rocky, .almaLinux: return .rpm
        default: return nil
        }
    }

    /// Maven needs `group:artifact`, Go the module path, Packagist `vendor/name`: taken from the
    /// purl when the inventory name lacks them.
    static func languageName(_ package: Package, _ ecosystem: Ecosystem) -> String {
        let name = package.name
        switch ecosystem {
        case .maven where !name.contains(":"):
            return purlPath(package.purl).map { $0.replacingOccurrences(of: "/", with: ":") } ?? name
        case .go where !name.contains("/") && name != "stdlib" && name != "toolchain",
             .packagist where !name.contains("/"):
            return purlPath(package.purl) ?? name
        default:
            return name
        }
    }

    /// `pkg:maven/org.example/lib@1.0?x=y` → `org.example/lib` (percent-decoded).
    static func purlPath(_ purl: String) -> String? {
        guard purl.hasPrefix("pkg:") else { return nil }
        var rest = purl.dropFirst(4)
        rest = rest.prefix { $0 != "?" && $0 != "#" }
        if let at = rest.lastIndex(of: "@") { rest = rest[..<at] }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        let path = rest[rest.index(after: slash)...]
        return path.isEmpty ? nil : String(path).removingPercentEncoding ?? String(path)
    }
}
