/// PHP packages installed by Composer: `vendor/composer/installed.json`, in both the
/// Composer 1 form (a JSON array) and the Composer 2 form (`{"packages": [...]}`).
public enum ComposerCataloguer {
    static func isInstalledJSON(_ path: String) -> Bool {
        path == "vendor/composer/installed.json" || path.hasSuffix("/vendor/composer/installed.json")
    }

    /// Packages of an `installed.json`, or nil when it is not one of the two forms.
    /// Versions are written as Composer normalised them (`v2.1.0` keeps its `v`).
    public static func parse(_ bytes: [UInt8]) -> [PackageRecord]? {
        let json = JSONValue.parse(bytes)
        let list: [Any]
        if let array = json as? [Any] {
            list = array
        } else if let object = json as? [String: Any], let packages = object["packages"] as? [Any] {
            list = packages
        } else {
            return nil
        }
        return list.compactMap { item in
            guard let object = item as? [String: Any], let name = JSONValue.string(object["name"]),
                  let version = JSONValue.string(object["version"]) else { return nil }
            return PackageRecord(name: name, version: version, type: .composer,
                                 licenses: JSONValue.licenses(object["license"]))
        }
    }
}
