import Foundation
import ScanReport
import SpoolscanCore

/// Writes a report as a CycloneDX 1.6 JSON BOM.
///
/// - The image is `metadata.component` (type `container`, its config digest as SHA-256 hash, an
///   `oci` purl when the manifest digest is known); an artifact holding several images gets a
///   `file` component with one `container` child per image.
/// - Every package is a `library` component with its purl, licences (SPDX `id` or `expression`
///   where the declared text is one, else `name`), the paths it was found at as
///   `evidence.occurrences`, and `spoolscan:*` properties: the layer (`spoolscan:layer:index`,
///   `spoolscan:layer:diffID`), package type, source package and architecture. The distribution
///   is an `operating-system` component. `dependencies` lists what each image contains.
/// - Every vulnerability finding is one entry of `vulnerabilities` with its ratings, aliases,
///   advisories and `affects` pointing at the package's `bom-ref`; a suppressed finding carries
///   an `analysis` (see ``CycloneDXAnalysis``).
public enum CycloneDXWriter {
    /// The BOM for `report`, as pretty-printed JSON with sorted keys.
    public static func render(_ report: Report) throws -> Data {
        try ReportCodec.encode(document(for: report))
    }

    static func document(for report: Report) -> CycloneDXDocument {
        var refs = UniqueReferences()
        var components: [CycloneDXDocument.Component] = []
        var dependencies: [CycloneDXDocument.Dependency] = []
        var vulnerabilities: [CycloneDXDocument.Vulnerability] = []
        var imageComponents: [CycloneDXDocument.Component] = []
        let fallbackName = (report.artifact.path as NSString).lastPathComponent
        for image in report.artifact.images {
            let naming = ImageNaming(image, fallback: fallbackName)
            let imageRef = refs.make(image.imageID.isEmpty ? "image:" + naming.reference : image.imageID)
            imageComponents.append(imageComponent(image, naming: naming, ref: imageRef))
            var contained: [String] = []
            if let os = image.os {
                let ref = refs.make("os:\(os.family)@\(os.version)")
                components.append(.init(bomRef: ref, type: "operating-system", name: os.family, version: os.version,
                                        properties: [.init(name: "spoolscan:os:name", value: os.name)]))
                contained.append(ref)
            }
            var refByPurl: [String: String] = [:]
            for package in image.packages {
                let ref = refs.make(package.purl.isEmpty ? "package:\(package.type.rawValue)/\(package.name)@\(package.version)" : package.purl)
                if refByPurl[package.purl] == nil { refByPurl[package.purl] = ref }
                components.append(component(package, ref: ref))
                contained.append(ref)
            }
            dependencies.append(.init(ref: imageRef, dependsOn: contained))
            for finding in image.vulnerabilities {
                let affected = refByPurl[finding.purl] ?? imageRef
                vulnerabilities.append(vulnerability(finding, ref: refs.make("vuln:\(finding.id):\(finding.purl)"), affects: affected))
            }
        }
        for dependency in dependencies.map(\.dependsOn).joined() where !dependencies.contains(where: { $0.ref == dependency }) {
            dependencies.append(.init(ref: dependency, dependsOn: []))
        }
        let subject: CycloneDXDocument.Component
        if imageComponents.count == 1 {
            subject = imageComponents[0]
        } else {
            subject = .init(bomRef: refs.make("artifact:" + report.artifact.sha256), type: "file", name: fallbackName,
                            hashes: hash(report.artifact.sha256), properties: [.init(name: "spoolscan:artifact:format", value: report.artifact.format)],
                            components: imageComponents)
        }
        let tool = CycloneDXDocument.Component(type: "application", name: report.scanner.name, version: report.scanner.version)
        return CycloneDXDocument(
            serialNumber: serialNumber(report),
            metadata: .init(timestamp: report.createdAt, tools: .init(components: [tool]), component: subject,
                            properties: metadataProperties(report)),
            components: components, dependencies: dependencies,
            vulnerabilities: vulnerabilities)
    }

    /// The database matched against and the policy verdict, when the report has them.
    static func metadataProperties(_ report: Report) -> [CycloneDXDocument.Property]? {
        var properties: [CycloneDXDocument.Property] = []
        if let database = report.database { properties.append(.init(name: "spoolscan:database:builtAt", value: database.builtAt)) }
        if let verdict = report.verdict {
            properties.append(.init(name: "spoolscan:verdict", value: verdict.result.rawValue))
            properties.append(.init(name: "spoolscan:policy:sha256", value: verdict.policy.sha256))
        }
        return properties.isEmpty ? nil : properties
    }

    /// `urn:uuid:` derived from the artifact digest and the scan time, so the same report always
    /// gives the same BOM.
    static func serialNumber(_ report: Report) -> String {
        var hex = Array(SHA256Hasher.hex(Array("\(report.artifact.sha256) \(report.createdAt)".utf8)).prefix(32))
        hex[12] = "5" // a name-based UUID
        hex[16] = ["8", "9", "a", "b"][Int(String(hex[16]), radix: 16)! % 4]
        let s = String(hex)
        func part(_ from: Int, _ to: Int) -> Substring { s.dropFirst(from).prefix(to - from) }
        return "urn:uuid:\(part(0, 8))-\(part(8, 12))-\(part(12, 16))-\(part(16, 20))-\(part(20, 32))"
    }

    static func hash(_ hex: String?) -> [CycloneDXDocument.Hash]? {
        guard let hex, hex.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        return [.init(alg: "SHA-256", content: hex.lowercased())]
    }

    static func imageComponent(_ image: ImageReport, naming: ImageNaming, ref: String) -> CycloneDXDocument.Component {
        var properties: [CycloneDXDocument.Property] = []
        if !image.imageID.isEmpty { properties.append(.init(name: "spoolscan:image:id", value: image.imageID)) }
        if let digest = image.manifestDigest { properties.append(.init(name: "spoolscan:image:manifestDigest", value: digest)) }
        properties += image.repoTags.map { .init(name: "spoolscan:image:repoTag", value: $0) }
        if !image.architecture.isEmpty { properties.append(.init(name: "spoolscan:image:architecture", value: image.architecture)) }
        properties += image.layers.map { .init(name: "spoolscan:image:layer:\($0.index):diffID", value: $0.diffID) }
        return .init(bomRef: ref, type: "container", name: naming.repository,
                     version: naming.tag ?? (image.imageID.isEmpty ? nil : image.imageID),
                     purl: naming.ociPurl(manifestDigest: image.manifestDigest),
                     hashes: hash(ImageNaming.sha256Hex(image.imageID)), properties: properties)
    }

    static func component(_ package: Package, ref: String) -> CycloneDXDocument.Component {
        var properties: [CycloneDXDocument.Property] = [
            .init(name: "spoolscan:package:type", value: package.type.rawValue),
            .init(name: "spoolscan:layer:index", value: String(package.layer.index)),
        ]
        if !package.layer.diffID.isEmpty { properties.append(.init(name: "spoolscan:layer:diffID", value: package.layer.diffID)) }
        if let source = package.sourceName { properties.append(.init(name: "spoolscan:package:sourceName", value: source)) }
        if let source = package.sourceVersion { properties.append(.init(name: "spoolscan:package:sourceVersion", value: source)) }
        if let arch = package.arch { properties.append(.init(name: "spoolscan:package:arch", value: arch)) }
        var group: String?
        var name = package.name
        if package.type == .maven, let colon = package.name.firstIndex(of: ":") {
            group = String(package.name[..<colon])
            name = String(package.name[package.name.index(after: colon)...])
        }
        return .init(bomRef: ref, type: "library", group: group, name: name, version: package.version,
                     purl: package.purl.isEmpty ? nil : SBOMPurl.of(package), licenses: licenses(package.licenses),
                     properties: properties,
                     evidence: package.paths.isEmpty ? nil : .init(occurrences: package.paths.map { .init(location: $0) }))
    }

    /// One SPDX expression when the package declares exactly one compound expression; otherwise
    /// one entry per licence, by SPDX id where the text is one, else by name.
    static func licenses(_ declared: [String]) -> [CycloneDXDocument.License]? {
        let texts = declared.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !texts.isEmpty else { return nil }
        if texts.count == 1, let expression = SPDXLicenses.expression(texts[0]), SPDXLicenses.isCompound(expression) {
            return [.init(expression: expression)]
        }
        var seen = Set<String>()
        return texts.compactMap { text in
            guard seen.insert(text).inserted else { return nil }
            if let id = SPDXLicenses.identifier(text) { return .init(license: .init(id: id)) }
            return .init(license: .init(name: text))
        }
    }

    static func vulnerability(_ finding: Vulnerability, ref: String, affects: String) -> CycloneDXDocument.Vulnerability {
        let database = AdvisorySources.source(of: finding.id, fallback: finding.source)
        let source = CycloneDXDocument.Source(name: database.name, url: database.url)
        var rating = CycloneDXDocument.Rating(source: .init(name: finding.source), severity: SeverityMapping.cycloneDX(finding.severity))
        if let cvss = finding.cvss {
            rating.score = cvss.score
            rating.method = SeverityMapping.cvssMethod(cvss.vector)
            rating.vector = cvss.vector
        }
        var properties: [CycloneDXDocument.Property] = [
            .init(name: "spoolscan:status", value: finding.status),
            .init(name: "spoolscan:layer:index", value: String(finding.layer.index)),
        ]
        if !finding.layer.diffID.isEmpty { properties.append(.init(name: "spoolscan:layer:diffID", value: finding.layer.diffID)) }
        if let fixed = finding.fixedVersion { properties.append(.init(name: "spoolscan:fixedVersion", value: fixed)) }
        let advisories = finding.references.filter(AdvisorySources.isWebLink)
        return .init(
            bomRef: ref, id: finding.id, source: source,
            references: finding.aliases.isEmpty ? nil : finding.aliases.map { alias in
                let database = AdvisorySources.source(of: alias, fallback: finding.source)
                return .init(id: alias, source: .init(name: database.name, url: database.url))
            },
            ratings: [rating], description: finding.title,
            recommendation: finding.fixedVersion.map { "Upgrade \(finding.packageName) to \($0) or later." },
            advisories: advisories.isEmpty ? nil : advisories.map { .init(url: $0) },
            analysis: finding.suppression.map(CycloneDXAnalysis.of),
            affects: [.init(ref: affects, versions: [.init(version: finding.installedVersion, status: "affected")])],
            properties: properties)
    }
}
