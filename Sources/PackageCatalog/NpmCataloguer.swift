/// Installed npm packages: `node_modules/NAME/package.json` and
/// `node_modules/@SCOPE/NAME/package.json` (at any depth of nested `node_modules`).
///
/// A `package.json` outside `node_modules` belongs to an application's own source, not to an
/// installed dependency, and is not reported.
public enum NpmCataloguer {
    /// True for the manifest at the root of an installed package.
    static func isInstalledManifest(_ path: String) -> Bool {
        guard path.hasSuffix("/package.json") else { return false }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 3, parts[parts.count - 1] == "package.json" else { return false }
        if parts[parts.count - 3] == "node_modules" {
            return !parts[parts.count - 2].hasPrefix("@") && !parts[parts.count - 2].hasPrefix(".")
        }
        return parts.count >= 4 && parts[parts.count - 4] == "node_modules" && parts[parts.count - 3].hasPrefix("@")
    }

    /// The package a `package.json` describes, or nil without a string `name` and `version`.
    /// Licences from `license` (string or `{type}`) or the legacy `licenses` array.
    public static func parse(_ bytes: [UInt8]) -> PackageRecord? {
        guard let object = JSONValue.parse(bytes) as? [String: Any],
              let name = JSONValue.string(object["name"]), let version = JSONValue.string(object["version"]) else {
            return nil
        }
        var licenses = JSONValue.licenses(object["license"])
        if licenses.isEmpty { licenses = JSONValue.licenses(object["licenses"]) }
        return PackageRecord(name: name, version: version, type: .npm, licenses: licenses)
    }
}
