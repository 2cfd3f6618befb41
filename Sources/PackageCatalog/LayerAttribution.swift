/// Which layer introduced a package found in a file that several layers rewrote (dpkg
/// `status`, apk `installed`, `rpmdb.sqlite`, Composer's `installed.json`): the lowest layer
/// from which every version of the file up to the final one lists the same package with the
/// same version and architecture. A package added or upgraded in layer 2 belongs to layer 2,
/// while the base packages kept in layer 2's rewritten database stay with the base layer.
enum LayerAttribution {
    /// One lower layer's version of the file: the identities of the packages it lists.
    struct Version {
        let layer: Int
        let identities: Set<String>

        init(layer: Int, records: [PackageRecord]) {
            self.layer = layer
            self.identities = Set(records.map(LayerAttribution.identity))
        }
    }

    /// `lowerVersions` holds the file's versions below `finalLayer`, nearest first.
    static func firstLayer(of record: PackageRecord, finalLayer: Int, lowerVersions: [Version]) -> Int {
        var layer = finalLayer
        let wanted = identity(record)
        for version in lowerVersions {
            guard version.identities.contains(wanted) else { break }
            layer = version.layer
        }
        return layer
    }

    static func identity(_ record: PackageRecord) -> String {
        [record.name, record.version, record.arch ?? "", record.innerPath ?? ""].joined(separator: "\u{0}")
    }
}
