/// The parts of an SPDX 2.3 JSON document that spoolscan writes.
struct SPDXDocument: Encodable {
    var spdxVersion = "SPDX-2.3"
    var dataLicense = "CC0-1.0"
    var SPDXID = "SPDXRef-DOCUMENT"
    var name: String
    var documentNamespace: String
    var creationInfo: CreationInfo
    var packages: [Package]
    var relationships: [Relationship]
    var hasExtractedLicensingInfos: [ExtractedLicense]?

    struct CreationInfo: Encodable {
        var created: String
        var creators: [String]
        var comment: String?
    }

    struct Package: Encodable {
        var SPDXID: String
        var name: String
        var versionInfo: String?
        var downloadLocation = "NOASSERTION"
        var filesAnalyzed = false
        var primaryPackagePurpose: String?
        var checksums: [Checksum]?
        var externalRefs: [ExternalRef]?
        var licenseConcluded = "NOASSERTION"
        var licenseDeclared: String
        var copyrightText = "NOASSERTION"
        var sourceInfo: String?
        var comment: String?
    }

    struct Checksum: Encodable { var algorithm: String; var checksumValue: String }

    struct ExternalRef: Encodable {
        var referenceCategory: String
        var referenceType: String
        var referenceLocator: String
    }

    struct Relationship: Encodable {
        var spdxElementId: String
        var relationshipType: String
        var relatedSpdxElement: String
    }

    struct ExtractedLicense: Encodable {
        var licenseId: String
        var extractedText: String
        var name: String
    }
}
