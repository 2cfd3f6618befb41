import ImageReader
import ScanReport

/// Checks on the image config's run settings and tags.
enum ConfigChecks {
    static func run(_ image: ReadImage) -> [Misconfiguration] {
        let run = image.config.config
        var result: [Misconfiguration] = []
        let user = (run?.User ?? "").split(separator: ":", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if user.isEmpty || user == "root" || user == "0" {
            result.append(MisconfigCheck.rootUser.finding([user.isEmpty ? "config.User is not set" : "config.User = \(run?.User ?? "")"]))
        }
        let test = run?.Healthcheck?.Test ?? []
        if test.isEmpty || test.first == "NONE" {
            result.append(MisconfigCheck.noHealthcheck.finding([test.isEmpty ? "config.Healthcheck is not set" : "HEALTHCHECK NONE"]))
        }
        let latest = image.repoTags.filter { $0.hasSuffix(":latest") }
        if !latest.isEmpty { result.append(MisconfigCheck.latestTag.finding(latest)) }
        return result
    }

    /// Names of Env variables that look like they carry credentials (values are never reported).
    static func secretEnvNames(_ image: ReadImage) -> [String] {
        (image.config.config?.Env ?? []).compactMap { entry in
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            let name = String(parts[0])
            return isSecretName(name) ? "ENV \(name)" : nil
        }
    }

    /// `*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*_KEY`, … except names that point at a file or are
    /// well known to hold public data (`GPG_KEY` fingerprints, `*_PUBLIC_KEY`).
    static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        let benignSuffixes = ["_FILE", "_PATH", "_DIR", "_URL_FILE", "_PUBLIC_KEY", "_KEY_ID", "_KEYRING", "_TOKEN_FILE"]
        if benignSuffixes.contains(where: { upper.hasSuffix($0) }) { return false }
        if ["GPG_KEY", "GPG_KEYS", "PGP_KEY", "KEY_SERVER", "KEYSERVER"].contains(upper) { return false }
        let markers = ["PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "API_KEY", "PRIVATE_KEY", "ACCESS_KEY", "CREDENTIAL"]
        return markers.contains { upper.contains($0) } || upper.hasSuffix("_KEY") || upper.hasSuffix("_PASS") || upper.hasSuffix("_PWD")
    }

    /// `EXPOSE 22` in the config.
    static func exposesSSH(_ image: ReadImage) -> [String] {
        (image.config.config?.ExposedPorts ?? [:]).keys.sorted().filter { $0 == "22" || $0 == "22/tcp" }.map { "EXPOSE \($0)" }
    }
}
