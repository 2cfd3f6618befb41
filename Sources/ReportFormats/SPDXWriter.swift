import Foundation
import ScanReport
import SpoolscanCore

/// Writes a report's inventory as an SPDX 2.3 JSON document.
///
/// The document `DESCRIBES` each image (a package with purpose `CONTAINER`, its config digest as
/// SHA256 checksum); each image `CONTAINS` its distribution (purpose `OPERATING-SYSTEM`) and its
/// packages (purpose `LIBRARY`, or `APPLICATION` for none). Every package carries its purl as a
/// `PACKAGE-MANAGER`/`purl` external reference, its declared licences as `licenseDeclared` (an
/// SPDX expression where the text is one, else a `LicenseRef-` with the text in
/// `hasExtractedLicensingInfos`), and the layer and paths it was found at in `sourceInfo`.
/// SPDX 2.3 has no vulnerability section; findings are written by CycloneDX and SARIF.
public enum SPDXWriter {
    /// The document for `report`, as pretty-printed JSON with sorted keys.
    public static func render(_ report: Report) throws -> Data {
        try ReportCodec.encode(document(for: report))
    }

    static func document(for report: Report) -> SPDXDocument {
        var ids = UniqueReferences()
        var packages: [SPDXDocument.Package] = []
        var relationships: [SPDXDocument.Relationship] = []
        var extracted: [String: SPDXDocument.ExtractedLicense] = [:]
        let fallbackName = (report.artifact.path as NSString).lastPathComponent
        for image in report.artifact.images {
            let naming = ImageNaming(image, fallback: fallbackName)
            let imageID = ids.make("SPDXRef-Image-" + idString(naming.reference), separator: "-")
            var imageRefs: [SPDXDocument.ExternalRef] = []
            if let purl = naming.ociPurl(manifestDigest: image.manifestDigest) {
                imageRefs.append(.init(referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl))
            }
            packages.append(.init(
                SPDXID: imageID, name: naming.repository, versionInfo: naming.tag ?? (image.imageID.isEmpty ? nil : image.imageID),
                primaryPackagePurpose: "CONTAINER",
                checksums: ImageNaming.sha256Hex(image.imageID).map { [.init(algorithm: "SHA256", checksumValue: $0)] },
                externalRefs: imageRefs.isEmpty ? nil : imageRefs, licenseDeclared: "NOASSERTION",
                comment: imageComment(image)))
            relationships.append(.init(spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: imageID))
            if let os = image.os {
                let osID = ids.make("SPDXRef-OperatingSystem-" + idString(os.family + "-" + os.version), separator: "-")
                packages.append(.init(SPDXID: osID, name: os.family, versionInfo: os.version, primaryPackagePurpose: "OPERATING_SYSTEM",
                                      licenseDeclared: "NOASSERTION", comment: os.name))
                relationships.append(.init(spdxElementId: imageID, relationshipType: "CONTAINS", relatedSpdxElement: osID))
            }
            for package in image.packages {
                let id = ids.make("SPDXRef-Package-\(package.type.rawValue)-" + idString(package.name + "-" + package.version), separator: "-")
                let declared = licenseDeclared(package.licenses, extracted: &extracted)
                packages.append(.init(
                    SPDXID: id, name: package.name, versionInfo: package.version, primaryPackagePurpose: "LIBRARY",
                    externalRefs: package.purl.isEmpty ? nil : [.init(referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: SBOMPurl.of(package))],
                    licenseDeclared: declared, sourceInfo: sourceInfo(package),
                    comment: package.sourceName.map { "source package \($0)" + (package.sourceVersion.map { " \($0)" } ?? "") }))
                relationships.append(.init(spdxElementId: imageID, relationshipType: "CONTAINS", relatedSpdxElement: id))
            }
        }
        let subject = report.artifact.images.count == 1
            ? ImageNaming(report.artifact.images[0], fallback: fallbackName).reference : fallbackName
        return SPDXDocument(
            name: subject.isEmpty ? "spoolscan-report" : subject,
            documentNamespace: "https://spoolscan.invalid/spdx/\(idString(subject))-\(report.artifact.sha256.prefix(16))-\(idString(report.createdAt))",
            creationInfo: .init(created: report.createdAt, creators: ["Tool: \(report.scanner.name)-\(report.scanner.version)"],
                                comment: "Inventory of \(report.artifact.path) (sha256 \(report.artifact.sha256))"),
            packages: packages, relationships: relationships,
            hasExtractedLicensingInfos: extracted.isEmpty ? nil : extracted.values.sorted { $0.licenseId < $1.licenseId })
    }

    /// SPDX ids allow letters, digits, `.` and `-`.
    static func idString(_ text: String) -> String {
        let id = SPDXLicenses.idString(text)
        return id.isEmpty ? "x" : id
    }

    /// All declared licences joined with `AND`; each an SPDX expression or a `LicenseRef-`.
    static func licenseDeclared(_ licenses: [String], extracted: inout [String: SPDXDocument.ExtractedLicense]) -> String {
        var parts: [String] = []
        for text in licenses.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) }) where !text.isEmpty {
            let part: String
            if let expression = SPDXLicenses.expression(text), !expression.contains("LicenseRef-"), !expression.contains("DocumentRef-") {
                part = SPDXLicenses.isCompound(expression) ? "(\(expression))" : expression
            } else {
                var ref = SPDXLicenses.licenseRef(text)
                // Two texts that sanitise to the same id must not share it.
                var n = 2
                while let existing = extracted[ref], existing.extractedText != text { ref = SPDXLicenses.licenseRef(text) + "-\(n)"; n += 1 }
                extracted[ref] = .init(licenseId: ref, extractedText: text, name: text)
                part = ref
            }
            if !parts.contains(part) { parts.append(part) }
        }
        return parts.isEmpty ? "NOASSERTION" : parts.joined(separator: " AND ")
    }

    static func sourceInfo(_ package: Package) -> String {
        var text = "found in layer \(package.layer.index)"
        if !package.layer.diffID.isEmpty { text += " (\(package.layer.diffID))" }
        if !package.paths.isEmpty { text += " at " + package.paths.joined(separator: ", ") }
        return text
    }

    static func imageComment(_ image: ImageReport) -> String? {
        var lines: [String] = []
        if !image.architecture.isEmpty { lines.append("architecture \(image.architecture)") }
        lines += image.layers.map { "layer \($0.index): \($0.diffID)" }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
