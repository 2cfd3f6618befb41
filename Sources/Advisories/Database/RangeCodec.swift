import Foundation

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
        var text = text
        return text.withUTF8 { bytes in
            // One pass over the bytes: ranges end at U+001E, fields at U+001F.
            var ranges: [VersionRange] = []
            var start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x1E { end += 1 }
                if let range = decodeRange(UnsafeBufferPointer(rebasing: bytes[start..<end])) { ranges.append(range) }
                start = end + 1
            }
            return ranges
        }
    }

    /// One range's bytes: its kind, then `x:value` events (malformed events are skipped).
    private static func decodeRange(_ bytes: UnsafeBufferPointer<UInt8>) -> VersionRange? {
        var end = 0
        while end < bytes.count && bytes[end] != 0x1F { end += 1 }
        guard let kind = VersionRange.Kind(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self))
        else { return nil }
        var events: [VersionRange.Event] = []
        var start = end + 1
        while start <= bytes.count {
            end = start
            while end < bytes.count && bytes[end] != 0x1F { end += 1 }
            if end - start >= 2 && bytes[start + 1] == UInt8(ascii: ":") {
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 2)..<end]), as: UTF8.self)
                switch bytes[start] {
                case UInt8(ascii: "i"): events.append(.introduced(value))
                case UInt8(ascii: "f"): events.append(.fixed(value))
                case UInt8(ascii: "l"): events.append(.lastAffected(value))
                case UInt8(ascii: "m"): events.append(.limit(value))
                default: break
                }
            }
            start = end + 1
        }
        return VersionRange(kind: kind, events: events)
    }

    static func encodeList(_ values: [String]) -> String { values.joined(separator: String(fieldSeparator)) }

    static func decodeList(_ text: String) -> [String] {
        text.isEmpty ? [] : splitUTF8(text, 0x1F)
    }

    /// The list's first `distinctLimit` distinct values, in order (the rest is never decoded).
    static func decodeList(_ text: String, distinctLimit: Int) -> [String] {
        text.isEmpty ? [] : splitUTF8(text, 0x1F, distinctLimit: distinctLimit)
    }

    /// Splits on an ASCII byte, working on UTF-8 (much cheaper than splitting on a `Character`);
    /// with `distinctLimit`, keeps only the first that many distinct parts (compared as bytes, so
    /// no `String` is made for a repeated or unneeded part).
    static func splitUTF8(_ text: String, _ separator: UInt8, distinctLimit: Int? = nil) -> [String] {
        var parts: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var kept: [Range<Int>] = []
            func keep(_ part: Range<Int>) -> Bool {
                guard let limit = distinctLimit else {
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[part]), as: UTF8.self))
                    return true
                }
                let repeated = kept.contains { $0.count == part.count && memcmp(bytes.baseAddress! + $0.lowerBound,
                                                                                 bytes.baseAddress! + part.lowerBound, part.count) == 0 }
                if !repeated {
                    kept.append(part)
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[part]), as: UTF8.self))
                }
                return parts.count < limit
            }
            guard let base = bytes.baseAddress else { _ = keep(0..<0); return }
            parts.reserveCapacity(distinctLimit ?? 4)
            var start = 0
            while let hit = memchr(base + start, Int32(separator), bytes.count - start) {
                let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard keep(start..<end) else { return }
                start = end + 1
            }
            _ = keep(start..<bytes.count)
        }
        return parts
    }
}
