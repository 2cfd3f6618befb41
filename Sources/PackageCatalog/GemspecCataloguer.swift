/// Installed Ruby gems: `…/specifications/NAME-VERSION.gemspec` (and the default gems of
/// `…/specifications/default/`), the Ruby source RubyGems
/// writes at install time (`s.name = "rake".freeze`, `s.version = "13.0.6"`,
/// `s.licenses = ["MIT".freeze]`). Read as text; the Ruby is never evaluated.
public enum GemspecCataloguer {
    static func isSpecification(_ path: String) -> Bool {
        guard path.hasSuffix(".gemspec") else { return false }
        let parts = path.split(separator: "/")
        guard parts.count >= 2 else { return false }
        return parts[parts.count - 2] == "specifications"
            || (parts.count >= 3 && parts[parts.count - 2] == "default" && parts[parts.count - 3] == "specifications")
    }

    /// The gem a specification declares, or nil without a literal name and version.
    public static func parse(_ bytes: [UInt8]) -> PackageRecord? {
        var name: String?, version: String?
        var licenses: [String] = []
        let text = String(decoding: bytes.prefix(1 << 20), as: UTF8.self)
        for rawLine in text.split(separator: "\n") {
            let line = ControlFields.trim(rawLine)
            guard let dot = line.firstIndex(of: "."), let equals = line.firstIndex(of: "="), dot < equals else { continue }
            let receiver = line[..<dot]
            guard !receiver.isEmpty, receiver.allSatisfy({ $0.isLetter || $0 == "_" }) else { continue }
            let attribute = ControlFields.trim(line[line.index(after: dot)..<equals])
            let value = line[line.index(after: equals)...]
            switch attribute {
            case "name" where name == nil: name = quoted(value).first
            case "version" where version == nil: version = quoted(value).first
            case "license", "licenses": licenses.append(contentsOf: quoted(value).filter { !licenses.contains($0) })
            default: break
            }
        }
        guard let name, let version, !name.isEmpty, !version.isEmpty else { return nil }
        return PackageRecord(name: name, version: version, type: .gem, licenses: licenses)
    }

    /// The double- or single-quoted literals in a Ruby expression, in order.
    static func quoted<S: StringProtocol>(_ text: S) -> [String] {
        var out: [String] = []
        var current: String?
        var quote: Character = "\""
        for character in text {
            if var literal = current {
                if character == quote { out.append(literal); current = nil } else { literal.append(character); current = literal }
            } else if character == "\"" || character == "'" {
                quote = character
                current = ""
            } else if character == "#" {
                break
            }
        }
        return out
    }
}
