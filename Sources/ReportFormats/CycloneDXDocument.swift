/// The parts of a CycloneDX 1.6 JSON BOM that spoolscan writes (field names as the schema spells them).
struct CycloneDXDocument: Encodable {
    var bomFormat = "CycloneDX"
    var specVersion = "1.6"
    var serialNumber: String
    var version = 1
    var metadata: Metadata
    var components: [Component]
    var dependencies: [Dependency]
    var vulnerabilities: [Vulnerability]?

    struct Metadata: Encodable {
        var timestamp: String
        var tools: Tools
        var component: Component
        var properties: [Property]?
    }

    struct Tools: Encodable { var components: [Component] }

    struct Component: Encodable {
        var bomRef: String?
        var type: String
        var group: String?
        var name: String
        var version: String?
        var purl: String?
        var hashes: [Hash]?
        var licenses: [License]?
        var properties: [Property]?
        var evidence: Evidence?
        var components: [Component]?

        init(bomRef: String? = nil, type: String, group: String? = nil, name: String, version: String? = nil,
             purl: String? = nil, hashes: [Hash]? = nil, licenses: [License]? = nil, properties: [Property]? = nil,
             evidence: Evidence? = nil, components: [Component]? = nil) {
            self.bomRef = bomRef; self.type = type; self.group = group; self.name = name; self.version = version
            self.purl = purl; self.hashes = hashes; self.licenses = licenses; self.properties = properties
            self.evidence = evidence; self.components = components
        }

        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref", type, group, name, version, purl, hashes, licenses, properties, evidence, components
        }
    }

    struct Hash: Encodable { var alg: String; var content: String }

    /// One entry of `licenses`: a licence (by SPDX `id` or free-text `name`) or one SPDX expression.
    struct License: Encodable {
        struct Choice: Encodable { var id: String?; var name: String? }
        var license: Choice?
        var expression: String?
    }

    struct Property: Encodable { var name: String; var value: String }

    struct Evidence: Encodable {
        struct Occurrence: Encodable { var location: String }
        var occurrences: [Occurrence]
    }

    struct Dependency: Encodable { var ref: String; var dependsOn: [String] }

    struct Vulnerability: Encodable {
        var bomRef: String
        var id: String
        var source: Source?
        var references: [Reference]?
        var ratings: [Rating]
        var description: String?
        var recommendation: String?
        var advisories: [Advisory]?
        var analysis: Analysis?
        var affects: [Affect]
        var properties: [Property]?

        enum CodingKeys: String, CodingKey {
            case bomRef = "bom-ref", id, source, references, ratings, description, recommendation, advisories,
                 analysis, affects, properties
        }
    }

    struct Source: Encodable { var name: String; var url: String? }
    struct Reference: Encodable { var id: String; var source: Source }
    struct Rating: Encodable {
        var source: Source?
        var score: Double?
        var severity: String
        var method: String?
        var vector: String?
    }
    struct Advisory: Encodable { var url: String }
    struct Analysis: Encodable {
        var state: String
        var justification: String?
        var response: [String]?
        var detail: String?
    }
    struct Affect: Encodable {
        struct Version: Encodable { var version: String; var status: String }
        var ref: String
        var versions: [Version]
    }
}
