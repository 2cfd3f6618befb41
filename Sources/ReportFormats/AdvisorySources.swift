import Foundation

/// Which database an advisory id belongs to (by its prefix), with the page that describes it, and
/// which references are web links fit for URI fields.
enum AdvisorySources {
    /// `CVE-…` → NVD and its detail page, `GHSA-…` → GitHub, …; `fallback` (the feed) for other prefixes.
    static func source(of id: String, fallback: String) -> (name: String, url: String?) {
        let prefix = id.split(separator: "-").first.map(String.init) ?? ""
        let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id
        switch prefix {
        case "CVE": return ("NVD", "https://nvd.nist.gov/vuln/detail/\(escaped)")
        case "GHSA": return ("GitHub Advisory Database", "https://github.com/advisories/\(escaped)")
        case "PYSEC": return ("PyPA Advisory Database", "https://osv.dev/vulnerability/\(escaped)")
        case "GO": return ("Go Vulnerability Database", "https://pkg.go.dev/vuln/\(escaped)")
        case "RUSTSEC": return ("RustSec Advisory Database", "https://rustsec.org/advisories/\(escaped)")
        case "DSA", "DLA", "DTSA": return ("Debian Security Tracker", "https://security-tracker.debian.org/tracker/\(escaped)")
        case "ALSA", "ALBA", "ALEA": return ("AlmaLinux", nil)
        case "RLSA": return ("Rocky Linux", nil)
        case "RHSA", "RHBA", "RHEA": return ("Red Hat", "https://access.redhat.com/errata/\(escaped)")
        case "USN", "UBUNTU": return ("Ubuntu", nil)
        default: return (fallback, nil)
        }
    }

    /// Whether `reference` is an http(s) URL that parses (SARIF `helpUri`, CycloneDX `advisories`).
    static func isWebLink(_ reference: String) -> Bool {
        guard reference.hasPrefix("https://") || reference.hasPrefix("http://"),
              !reference.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" }),
              let url = URL(string: reference), url.host != nil else { return false }
        return true
    }
}
