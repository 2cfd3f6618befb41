/// The parts of a SARIF 2.1.0 log that spoolscan writes.
struct SARIFDocument: Encodable {
    var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    var version = "2.1.0"
    var runs: [Run]

    enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
        var properties: [String: String]?
    }

    struct Tool: Encodable { var driver: Driver }

    struct Driver: Encodable {
        var name: String
        var version: String
        var informationUri: String
        var rules: [Rule]
    }

    struct Message: Encodable { var text: String; var markdown: String? = nil }

    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Message
        var fullDescription: Message
        var helpUri: String?
        var help: Message
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Configuration: Encodable { var level: String }

    struct RuleProperties: Encodable {
        var securitySeverity: String
        var tags: [String]
        var precision: String?

        enum CodingKeys: String, CodingKey { case securitySeverity = "security-severity", tags, precision }
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var partialFingerprints: [String: String]
        var suppressions: [Suppression]?
        var properties: [String: String]?
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation?
        var logicalLocations: [LogicalLocation]?
        var message: Message?
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    struct ArtifactLocation: Encodable { var uri: String }
    struct Region: Encodable { var startLine: Int }
    struct LogicalLocation: Encodable { var name: String; var kind: String? }

    struct Suppression: Encodable {
        var kind: String
        var status: String
        var justification: String?
    }
}
