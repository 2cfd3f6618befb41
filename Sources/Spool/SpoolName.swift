import SpoolscanCore

/// File names as bytes, carried losslessly in a Swift `String`, and shortened where a suffix
/// would push them past the 255-byte name limit.
///
/// Linux names are any bytes but `/` and NUL; Swift strings are Unicode. A name is turned into a
/// string by keeping every valid UTF-8 sequence as its character and writing every other byte
/// `0xXY` (0x80–0xFF) as the private-use character U+F7XY (U+F780–U+F7FF). A name that really
/// contains a character of that range has that character's bytes escaped the same way, so the
/// mapping is one to one and ``bytes(_:)`` gives back exactly the name on disk. The same string
/// goes into logs, job records, reports and error records (JSON), so a name that is not UTF-8
/// is recovered byte for byte from any of them.
public enum SpoolName {
    static let escapeBase: UInt32 = 0xF700
    static let escapeRange: ClosedRange<UInt32> = 0xF780...0xF7FF
    /// The longest name a Linux filesystem accepts, in bytes.
    public static let maxBytes = 255

    /// The string for a name read from the filesystem.
    public static func string(_ bytes: some Collection<UInt8>) -> String {
        let array = Array(bytes)
        if let plain = String(validating: array, as: UTF8.self),
           !plain.unicodeScalars.contains(where: { escapeRange.contains($0.value) }) {
            return plain
        }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < array.count {
            if let (scalar, length) = decodeScalar(array, at: index), !escapeRange.contains(scalar.value) {
                scalars.append(scalar)
                index += length
            } else {
                scalars.append(Unicode.Scalar(escapeBase + UInt32(array[index]))!)
                index += 1
            }
        }
        return String(scalars)
    }

    /// The bytes on disk of a name (or path) made by ``string(_:)``.
    public static func bytes(_ string: String) -> [UInt8] {
        if !string.unicodeScalars.contains(where: { escapeRange.contains($0.value) }) { return Array(string.utf8) }
        var bytes: [UInt8] = []
        for scalar in string.unicodeScalars {
            if escapeRange.contains(scalar.value) {
                bytes.append(UInt8(scalar.value - escapeBase))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Whether the name on disk is valid UTF-8 (the string holds no escaped byte).
    public static func isUTF8(_ string: String) -> Bool {
        !string.unicodeScalars.contains(where: { escapeRange.contains($0.value) })
    }

    /// Calls `body` with the NUL-terminated bytes of `path`, for system calls.
    static func withCString<R>(_ path: String, _ body: (UnsafePointer<CChar>) throws -> R) rethrows -> R {
        if isUTF8(path) { return try path.withCString(body) }
        let bytes = self.bytes(path).map { CChar(bitPattern: $0) } + [0]
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// `name` if `reserve` more bytes still fit in a name; else its first bytes (cut between
    /// characters), `~` and 16 hex digits of the SHA-256 of the whole name, at most
    /// `255 - reserve` bytes. The full name stays in the job record, the report and the error record.
    public static func fitting(_ name: String, reserve: Int) -> String {
        let total = bytes(name).count
        guard total + reserve > maxBytes else { return name }
        let hash = SHA256Hasher.hex(bytes(name)).prefix(16)
        let budget = maxBytes - reserve - 17
        var kept = String.UnicodeScalarView()
        var used = 0
        for scalar in name.unicodeScalars {
            let length = escapeRange.contains(scalar.value) ? 1 : String(scalar).utf8.count
            if used + length > budget { break }
            kept.append(scalar)
            used += length
        }
        return String(kept) + "~" + hash
    }

    /// The room kept after a name in `done/` and `error/`: `.N` for a taken name (up to
    /// `.99999`) and the longer sidecar suffix (`.report.json`).
    public static let resultReserve = 6 + 12

    /// Decodes one strictly valid UTF-8 scalar (no overlong forms, no surrogates, at most U+10FFFF).
    private static func decodeScalar(_ bytes: [UInt8], at index: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[index]
        let length: Int
        var value: UInt32
        var minimum: UInt32
        switch lead {
        case 0x00...0x7F: return (Unicode.Scalar(lead), 1)
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); minimum = 0x80
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); minimum = 0x800
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); minimum = 0x10000
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length {
            let byte = bytes[index + offset]
            guard byte & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
