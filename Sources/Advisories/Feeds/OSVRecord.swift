/// The parts of an OSV record (https://ossf.github.io/osv-schema/) the database keeps.
struct OSVRecord: Decodable {
    var id: String
    var modified: String?
    var published: String?
    var withdrawn: String?
    var aliases: [String]?
    var summary: String?
    var details: String?
    var severity: [Severity]?
    var affected: [Affected]?
    var references: [Reference]?
    var database_specific: Specific?

    struct Severity: Decodable { var type: String; var score: String }
    struct Reference: Decodable { var url: String? }
    struct Package: Decodable { var ecosystem: String; var name: String }
    struct Range: Decodable {
        var type: String
        var events: [[String: String]]?
    }
    struct Affected: Decodable {
        var package: Package?
        var ranges: [Range]?
        var versions: [String]?
        var severity: [Severity]?
        var ecosystem_specific: Specific?
        var database_specific: Specific?
    }

    /// `database_specific` / `ecosystem_specific`: free-form; only a string `severity` (GHSA,
    /// PyPA, Go) or `urgency` is read, anything else is ignored rather than failing the record.
    struct Specific: Decodable {
        var severity: String?
        var urgency: String?
        enum Keys: String, CodingKey { case severity, urgency }
        init(from decoder: any Decoder) throws {
            let container = try? decoder.container(keyedBy: Keys.self)
            severity = (try? container?.decodeIfPresent(String.self, forKey: .severity)) ?? nil
            urgency = (try? container?.decodeIfPresent(String.self, forKey: .urgency)) ?? nil
        }
    }
}
