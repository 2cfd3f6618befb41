import ScanReport

/// Works out the image's operating system from release files of the final filesystem.
///
/// Order: `os-release` (`etc/os-release`, then `usr/lib/os-release`); else `etc/alpine-release`;
/// else the `etc/*-release` files of the Red Hat family; else distroless Debian (a
/// `var/lib/dpkg/status.d` folder); else `etc/debian_version` alone. For Debian the precise
/// point release of `etc/debian_version` (`12.7`) replaces os-release's `12`.
public enum OSDetector {
    /// The release files the detector reads (image paths).
    static let releasePaths = Set([
        "etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version",
    ] + redHatReleasePaths)
    static let redHatReleasePaths = [
        "etc/redhat-release", "etc/centos-release", "etc/rocky-release", "etc/almalinux-release",
        "etc/fedora-release", "etc/system-release",
    ]

    /// Detects the OS from release file contents; `read` returns the final view's bytes of an
    /// image path (following symlinks) or nil; `hasDistrolessStatus` says whether
    /// `var/lib/dpkg/status.d` exists.
    public static func detect(read: (String) -> [UInt8]?, hasDistrolessStatus: Bool) -> OSInfo? {
        let debianVersion = read("etc/debian_version").flatMap { preciseDebianVersion($0) }
        if let bytes = read("etc/os-release") ?? read("usr/lib/os-release"), var info = fromOSRelease(bytes) {
            if info.family == "debian", let debianVersion, debianVersion.hasPrefix(info.version) || info.version.isEmpty {
                info.version = debianVersion
            }
            return info
        }
        if let bytes = read("etc/alpine-release") {
            let version = ControlFields.trim(String(decoding: bytes.prefix(256), as: UTF8.self))
            return OSInfo(family: "alpine", version: version, name: "Alpine Linux v" + version)
        }
        for path in redHatReleasePaths {
            if let bytes = read(path), let info = fromRedHatRelease(bytes) { return info }
        }
        if hasDistrolessStatus || debianVersion != nil {
            let version = debianVersion ?? "unknown"
            let major = version.split(separator: ".").first.map(String.init) ?? version
            return OSInfo(family: "debian", version: version, name: "Debian GNU/Linux \(major)",
                          codename: debianCodenames[major])
        }
        return nil
    }

    /// Parses `os-release` (`KEY=value`, values optionally quoted); nil without `ID`.
    public static func fromOSRelease(_ bytes: [UInt8]) -> OSInfo? {
        var values: [String: String] = [:]
        for line in String(decoding: bytes.prefix(64 << 10), as: UTF8.self).split(separator: "\n") {
            let text = ControlFields.trim(line)
            guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            var value = ControlFields.trim(text[text.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            values[String(text[..<equals])] = value
        }
        guard let id = values["ID"], !id.isEmpty else { return nil }
        let version = values["VERSION_ID"] ?? ""
        let name = values["PRETTY_NAME"] ?? values["NAME"] ?? id
        var codename = values["VERSION_CODENAME"]
        if codename?.isEmpty ?? true, id == "debian" { codename = debianCodenames[version] }
        return OSInfo(family: id.lowercased(), version: version, name: name, codename: codename?.isEmpty == false ? codename : nil)
    }

    /// Parses `Rocky Linux release 9.4 (Blue Onyx)`-style lines.
    public static func fromRedHatRelease(_ bytes: [UInt8]) -> OSInfo? {
        let line = ControlFields.trim(String(decoding: bytes.prefix(4096), as: UTF8.self).split(separator: "\n").first ?? "")
        guard let releaseRange = line.range(of: " release ") else { return nil }
        let product = String(line[..<releaseRange.lowerBound])
        let rest = line[releaseRange.upperBound...]
        let version = String(rest.prefix { $0.isNumber || $0 == "." })
        guard !version.isEmpty else { return nil }
        var codename: String?
        if let open = rest.firstIndex(of: "("), let close = rest.lastIndex(of: ")"), open < close {
            codename = String(rest[rest.index(after: open)..<close])
        }
        let lower = product.lowercased()
        let family: String
        if lower.hasPrefix("centos") { family = "centos" }
        else if lower.hasPrefix("rocky") { family = "rocky" }
        else if lower.hasPrefix("almalinux") { family = "almalinux" }
        else if lower.hasPrefix("fedora") { family = "fedora" }
        else if lower.hasPrefix("amazon") { family = "amzn" }
        else if lower.hasPrefix("red hat") { family = "rhel" }
        else if lower.hasPrefix("oracle") { family = "ol" }
        else { return nil }
        return OSInfo(family: family, version: version, name: line, codename: codename)
    }

    /// `12.7` from `etc/debian_version`; nil for testing/unstable names such as `bookworm/sid`.
    static func preciseDebianVersion(_ bytes: [UInt8]) -> String? {
        let text = ControlFields.trim(String(decoding: bytes.prefix(256), as: UTF8.self))
        guard !text.isEmpty, text.first!.isNumber, text.allSatisfy({ $0.isNumber || $0 == "." }) else { return nil }
        return text
    }

    static let debianCodenames = [
        "9": "stretch", "10": "buster", "11": "bullseye", "12": "bookworm", "13": "trixie",
    ]
}
