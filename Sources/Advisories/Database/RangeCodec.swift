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
        return splitUTF8(text, 0x1E).compactMap { part in
            let fields = splitUTF8(part, 0x1F)
            guard let first = fields.first, let kind = VersionRange.Kind(rawValue: first) else { return nil }
            let events: [VersionRange.Event] = fields.dropFirst().compactMap { field in
                let utf8 = field.utf8
                guard utf8.count >= 2, utf8.dropFirst().first == UInt8(ascii: ":") else { return nil }
                let value = String(field.utf8.dropFirst(2))!
                switch utf8.first {
                case UInt8(ascii: "i"): return .introduced(value)
                case UInt8(ascii: "f"): return .fixed(value)
                case UInt8(ascii: "l"): return .lastAffected(value)
                case UInt8(ascii: "m"): return .limit(value)
                default: return nil
                }
            }
            return VersionRange(kind: kind, events: events)
        }
    }

    static func encodeList(_ values: [String]) -> String { values.joined(separator: String(fieldSeparator)) }

    static func decodeList(_ text: String) -> [String] {
        text.isEmpty ? [] : splitUTF8(text, 0x1F)
    }

    /// Splits on an ASCII byte, working on UTF-8 (much cheaper than splitting on a `Character`).
    static func splitUTF8(_ text: String, _ separator: UInt8) -> [String] {
        var parts: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for i in 0..<bytes.count where bytes[i] == separator {
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                start = i + 1
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
        }
        return parts
    }
}
