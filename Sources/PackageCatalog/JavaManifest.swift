/// The package of a jar without `pom.properties`, from its `META-INF/MANIFEST.MF` main
/// section and its file name (`guice-no-aop-4.2.3.jar` → `guice-no-aop`, `4.2.3`):
///
/// - artifact: the file name without its version, else `Implementation-Title`, else
///   `Bundle-SymbolicName`;
/// - version: `Implementation-Version`, else `Bundle-Version`, else the file name's version;
/// - group: `Implementation-Vendor-Id`, else a dotted `Bundle-SymbolicName`; without one the
///   name is the artifact alone (`pkg:maven/aopalliance@1.0`).
public enum JavaManifest {
    /// The fallback package, or nil without an artifact name and a version.
    public static func record(manifest: [UInt8], fileName: String) -> PackageRecord? {
        let main = ControlFields.parse(manifest, firstOnly: true, joinContinuation: "").first ?? ControlFields.Paragraph()
        let file = splitFileName(fileName)
        var symbolic = main["Bundle-SymbolicName"].map { ControlFields.trim($0.split(separator: ";").first ?? "") }
        if symbolic?.isEmpty == true { symbolic = nil }
        let artifact = nonEmpty(file.name) ?? nonEmpty(main["Implementation-Title"]) ?? symbolic
        let version = nonEmpty(main["Implementation-Version"]) ?? nonEmpty(main["Bundle-Version"]) ?? file.version
        guard let artifact, let version else { return nil }
        let group = nonEmpty(main["Implementation-Vendor-Id"]) ?? symbolic.flatMap { $0.contains(".") ? $0 : nil }
        return PackageRecord(name: group.map { $0 + ":" + artifact } ?? artifact, version: version, type: .maven)
    }

    /// `name-1.2.3.jar` → (`name`, `1.2.3`): the version starts at the first `-` followed by
    /// a digit; `name.jar` → (`name`, nil).
    public static func splitFileName(_ fileName: String) -> (name: String, version: String?) {
        var stem = Substring(fileName)
        if let dot = stem.lastIndex(of: ".") { stem = stem[..<dot] }
        var index = stem.startIndex
        while let dash = stem[index...].firstIndex(of: "-") {
            let next = stem.index(after: dash)
            if next < stem.endIndex, stem[next].isNumber { return (String(stem[..<dash]), String(stem[next...])) }
            index = next
        }
        return (String(stem), nil)
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
