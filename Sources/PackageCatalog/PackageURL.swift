import ScanReport

/// Builds Package URLs (purl spec): `pkg:type/namespace/name@version?qualifiers`.
///
/// Every segment, the version and qualifier values are percent-encoded except the unreserved
/// characters `A-Z a-z 0-9 . - _ ~` and `:` (so `1:2.38.1-5+b1` becomes `1:2.38.1-5%2Bb1`,
/// and the npm scope `@types` becomes `%40types`). Qualifiers are sorted by key.
public enum PackageURL {
    /// The purl of `record` in an image whose OS is `os`.
    public static func make(for record: PackageRecord, os: OSInfo?) -> String {
        var segments: [String]
        var version = record.version
        var qualifiers: [(String, String)] = []
        switch record.type {
        case .deb:
            segments = [debNamespace(os), record.name]
            if let arch = record.arch { qualifiers.append(("arch", arch)) }
            if let distro = distro(os) { qualifiers.append(("distro", distro)) }
        case .apk:
            segments = [os?.family ?? "alpine", record.name]
            if let arch = record.arch { qualifiers.append(("arch", arch)) }
            if let distro = distro(os) { qualifiers.append(("distro", distro)) }
        case .rpm:
            segments = [rpmNamespace(os), record.name]
            if let epoch = record.epoch, let colon = version.firstIndex(of: ":") {
                version = String(version[version.index(after: colon)...])
                qualifiers.append(("epoch", epoch))
            }
            if let arch = record.arch { qualifiers.append(("arch", arch)) }
            if let distro = distro(os) { qualifiers.append(("distro", distro)) }
        case .maven:
            segments = record.name.split(separator: ":", maxSplits: 1).map(String.init)
        case .pypi:
            segments = [normalisedPythonName(record.name)]
        case .golang, .npm, .composer:
            segments = record.name.split(separator: "/").map(String.init)
        case .cargo, .gem:
            segments = [record.name]
        }
        var purl = "pkg:" + record.type.rawValue + "/" + segments.map(encode).joined(separator: "/")
        if !version.isEmpty { purl += "@" + encode(version) }
        if !qualifiers.isEmpty {
            purl += "?" + qualifiers.sorted { $0.0 < $1.0 }.map { $0.0 + "=" + encode($0.1) }.joined(separator: "&")
        }
        return purl
    }

    /// PEP 503 normalisation: lowercase, runs of `-`, `_`, `.` become one `-`.
    public static func normalisedPythonName(_ name: String) -> String {
        var out = ""
        var inRun = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                if !inRun { out.append("-") }
                inRun = true
            } else {
                out.append(character)
                inRun = false
            }
        }
        return out
    }

    /// Percent-encodes one purl component.
    public static func encode(_ text: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: ":"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func debNamespace(_ os: OSInfo?) -> String {
        os?.family == "ubuntu" ? "ubuntu" : "debian"
    }

    private static func rpmNamespace(_ os: OSInfo?) -> String {
        guard let family = os?.family else { return "redhat" }
        return family == "rhel" ? "redhat" : family
    }

    /// `debian-12`, `ubuntu-22.04`, `alpine-3.20.3`, `rocky-9.4`: Debian's point release is
    /// dropped (advisories are per major release).
    static func distro(_ os: OSInfo?) -> String? {
        guard let os, !os.version.isEmpty, os.version != "unknown" else { return nil }
        if os.family == "debian", let dot = os.version.firstIndex(of: ".") {
            return "debian-" + os.version[..<dot]
        }
        return os.family + "-" + os.version
    }
}
