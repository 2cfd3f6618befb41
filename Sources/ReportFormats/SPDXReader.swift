import ScanReport
import SpoolscanCore

/// Takes the inventory out of a parsed SPDX 2.x JSON document: every package with a `purl`
/// external reference becomes a package (declared licence unless `NOASSERTION`/`NONE`); a package
/// with purpose `OPERATING-SYSTEM` names the distribution; the document's name is the subject.
enum SPDXReader {
    static func inventory(_ root: [String: Any]) throws(SpoolscanError) -> SBOMInventory {
        var packagesJSON: [Any] = []
        if let list = root["packages"] {
            guard let array = list as? [Any] else { throw SpoolscanError(.sbomInvalid, "packages is not an array") }
            packagesJSON = array
        }
        var os: OSInfo?
        var packages: [Package] = []
        var skipped: [String] = []
        var subjectName: String?
        var imageID: String?
        for (index, element) in packagesJSON.enumerated() {
            guard let entry = element as? [String: Any] else { throw SpoolscanError(.sbomInvalid, "package \(index) is not an object") }
            let name = entry["name"] as? String ?? ""
            let version = entry["versionInfo"] as? String
            switch entry["primaryPackagePurpose"] as? String {
            case "OPERATING_SYSTEM":
                if os == nil, !name.isEmpty, let version, !version.isEmpty {
                    os = OSInfo(family: name.lowercased(), version: version, name: "\(name) \(version)")
                }
                continue
            case "CONTAINER":
                if subjectName == nil { subjectName = version.map { $0.hasPrefix("sha256:") ? name : "\(name):\($0)" } ?? name }
                for case let checksum as [String: Any] in entry["checksums"] as? [Any] ?? []
                where checksum["algorithm"] as? String == "SHA256" {
                    if let value = checksum["checksumValue"] as? String, ImageNaming.sha256Hex("sha256:" + value) != nil {
                        imageID = "sha256:" + value.lowercased()
                    }
                }
                continue
            default: break
            }
            let purls = (entry["externalRefs"] as? [Any] ?? []).compactMap { ref -> String? in
                guard let ref = ref as? [String: Any], ref["referenceType"] as? String == "purl" else { return nil }
                return ref["referenceLocator"] as? String
            }
            var facts = SBOMPackageMapper.Facts()
            facts.name = name
            if let declared = entry["licenseDeclared"] as? String, declared != "NOASSERTION", declared != "NONE" {
                facts.licenses = [declared]
            }
            guard let package = purls.lazy.compactMap({ SBOMPackageMapper.package(purl: $0, facts: facts) }).first else {
                skipped.append(name.isEmpty ? "(unnamed package \(index))" : name)
                continue
            }
            packages.append(package)
        }
        var warnings: [ReportWarning] = []
        if let warning = SBOMReader.skippedWarning(skipped) { warnings.append(warning) }
        return SBOMInventory(format: "spdx-json", subject: subjectName ?? root["name"] as? String, imageID: imageID,
                             os: SBOMReader.operatingSystem(named: os, packages: packages),
                             packages: packages, warnings: warnings)
    }
}
