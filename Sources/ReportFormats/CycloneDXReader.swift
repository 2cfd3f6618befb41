import ScanReport
import SpoolscanCore

/// Takes the inventory out of a parsed CycloneDX JSON BOM: every component (nested ones too)
/// with a purl becomes a package; `operating-system` components name the distribution;
/// `metadata.component` names the subject. Properties written by spoolscan, syft and trivy
/// supply source packages and layers.
enum CycloneDXReader {
    static func inventory(_ root: [String: Any]) throws(SpoolscanError) -> SBOMInventory {
        let spec = root["specVersion"] as? String ?? ""
        guard ["1.2", "1.3", "1.4", "1.5", "1.6", "1.7"].contains(spec) else {
            throw SpoolscanError(.sbomInvalid, "CycloneDX specVersion \"\(spec)\" is not read (1.2–1.6 are)")
        }
        var components: [[String: Any]] = []
        if let list = root["components"] {
            guard let array = list as? [Any] else { throw SpoolscanError(.sbomInvalid, "components is not an array") }
            try flatten(array, into: &components, depth: 0)
        }
        let subject = (root["metadata"] as? [String: Any])?["component"] as? [String: Any]
        var os: OSInfo?
        var packages: [Package] = []
        var skipped: [String] = []
        for component in components {
            let type = component["type"] as? String ?? ""
            let name = component["name"] as? String ?? ""
            if type == "operating-system" {
                if os == nil, !name.isEmpty, let version = component["version"] as? String, !version.isEmpty {
                    os = OSInfo(family: name.lowercased(), version: version, name: "\(name) \(version)")
                }
                continue
            }
            guard let purl = component["purl"] as? String, !purl.isEmpty,
                  let package = SBOMPackageMapper.package(purl: purl, facts: facts(component)) else {
                if type != "file" { skipped.append(name.isEmpty ? "(unnamed \(type))" : name) }
                continue
            }
            packages.append(package)
        }
        var warnings: [ReportWarning] = []
        if let warning = SBOMReader.skippedWarning(skipped) { warnings.append(warning) }
        let properties = subject.map(Self.properties) ?? [:]
        var subjectName = subject?["name"] as? String
        if let tag = properties["spoolscan:image:repoTag"]?.first ?? properties["aquasecurity:trivy:RepoTag"]?.first {
            subjectName = tag
        } else if let name = subjectName, let version = subject?["version"] as? String, !version.hasPrefix("sha256:") {
            subjectName = "\(name):\(version)"
        }
        let imageID = properties["spoolscan:image:id"]?.first ?? properties["aquasecurity:trivy:ImageID"]?.first
        return SBOMInventory(format: "cyclonedx-json", subject: subjectName,
                             imageID: imageID.flatMap { ImageNaming.sha256Hex($0) != nil ? $0 : nil },
                             os: SBOMReader.operatingSystem(named: os, packages: packages),
                             packages: packages, warnings: warnings)
    }

    private static func flatten(_ array: [Any], into out: inout [[String: Any]], depth: Int) throws(SpoolscanError) {
        guard depth < 64 else { throw SpoolscanError(.sbomInvalid, "components nested more than 64 deep") }
        for (index, element) in array.enumerated() {
            guard let component = element as? [String: Any] else {
                throw SpoolscanError(.sbomInvalid, "component \(index) is not an object")
            }
            out.append(component)
            if let children = component["components"] {
                guard let nested = children as? [Any] else { throw SpoolscanError(.sbomInvalid, "components of component \(index) is not an array") }
                try flatten(nested, into: &out, depth: depth + 1)
            }
        }
    }

    /// Property name → values.
    static func properties(_ component: [String: Any]) -> [String: [String]] {
        var table: [String: [String]] = [:]
        for case let property as [String: Any] in component["properties"] as? [Any] ?? [] {
            if let name = property["name"] as? String, let value = property["value"] as? String { table[name, default: []].append(value) }
        }
        return table
    }

    static func facts(_ component: [String: Any]) -> SBOMPackageMapper.Facts {
        let properties = properties(component)
        var facts = SBOMPackageMapper.Facts()
        facts.name = component["name"] as? String
        for case let entry as [String: Any] in component["licenses"] as? [Any] ?? [] {
            if let expression = entry["expression"] as? String { facts.licenses.append(expression) }
            if let license = entry["license"] as? [String: Any], let text = (license["id"] ?? license["name"]) as? String {
                facts.licenses.append(text)
            }
        }
        let evidence = (component["evidence"] as? [String: Any])?["occurrences"] as? [Any] ?? []
        facts.paths = evidence.compactMap { ($0 as? [String: Any])?["location"] as? String }
        if facts.paths.isEmpty {
            facts.paths = properties.filter { $0.key.hasPrefix("syft:location:") && $0.key.hasSuffix(":path") }
                .sorted { $0.key < $1.key }.flatMap(\.value).map { String($0.drop { $0 == "/" }) }
        }
        facts.sourceName = (properties["spoolscan:package:sourceName"] ?? properties["aquasecurity:trivy:SrcName"]
            ?? properties["syft:metadata:source"])?.first
        facts.sourceVersion = (properties["spoolscan:package:sourceVersion"] ?? properties["aquasecurity:trivy:SrcVersion"]
            ?? properties["syft:metadata:sourceVersion"])?.first
        let diffID = (properties["spoolscan:layer:diffID"] ?? properties["aquasecurity:trivy:LayerDiffID"])?.first
        let index = properties["spoolscan:layer:index"]?.first.flatMap { Int($0) }
        if diffID != nil || index != nil {
            facts.layer = LayerRef(index: max(0, index ?? 0), diffID: diffID.flatMap { ImageNaming.sha256Hex($0) != nil ? $0 : nil } ?? "")
        }
        return facts
    }
}
