/// The compact text form ranges and version lists take in the database, cheap to decode while
/// matching: ranges separated by U+001E, fields by U+001F; a range is its kind then events
/// `i:` introduced, `f:` fixed, `l:` last_affected, `m:` limit.
enum RangeCodec {
    static let rangeSeparator: Character = "\u{1E}"
    static let fieldSeparator: Character = "\u{1F}"

    static func encode(_ ranges: [VersionRange]) -> String {
        ranges.map { range in
            ([range.kind.rawValue] + range.events.map { event -> String in
                switch event {
                case .introduced(let v): return "i:" + v
                case .fixed(let v): return "f:" + v
                case .lastAffected(let v): return "l:" + v
                case .limit(let v): return "m:" + v
                }
            }).joined(separator: String(fieldSeparator))
        }.joined(separator: String(rangeSeparator))
    }

    static func decode(_ text: String) -> [VersionRange] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: rangeSeparator).compactMap { part in
            let fields = part.split(separator: fieldSeparator, omittingEmptySubsequences: false)
            guard let first = fields.first, let kind = VersionRange.Kind(rawValue: String(first)) else { return nil }
            let events: [VersionRange.Event] = fields.dropFirst().compactMap { field in
                let value = String(field.dropFirst(2))
                switch field.prefix(2) {
                case "i:": return .introduced(value)
                case "f:": return .fixed(value)
                case "l:": return .lastAffected(value)
                case "m:": return .limit(value)
                default: return nil
                }
            }
            return VersionRange(kind: kind, events: events)
        }
    }

    static func encodeList(_ values: [String]) -> String { values.joined(separator: String(fieldSeparator)) }

    static func decodeList(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: fieldSeparator, omittingEmptySubsequences: false).map(String.init)
    }
}
