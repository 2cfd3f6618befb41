import Foundation

/// Builders for obviously fake secret values, assembled at run time so that no complete
/// credential-shaped literal sits in the repository.
enum Fake {
    static let alnum = "A1b2C3d4E5f6G7h8J9k0MnPqRsTuVwXyZ"
    static let lowerAlnum = "a1b2c3d4e5f6g7h8j9k0mnpqrstuvwxyz"
    static let upperDigits = "A1B2C3D4E5F6G7H8J9K0MNPQRSTUVWXYZ"
    static let hexDigits = "0123456789abcdef"
    static let base64 = "Ab3+Cd5/Ef7Gh9Jk2Lm4Np6Qr8St0Uv1Wx"
    static let lower = "abcdefghjkmnpqrstuvwxyz"

    /// `count` characters cycling through `alphabet`.
    static func chars(_ alphabet: String, _ count: Int) -> String {
        let letters = Array(alphabet)
        return String((0..<count).map { letters[($0 * 7 + $0 / letters.count) % letters.count] })
    }
    static func alnum(_ count: Int) -> String { chars(alnum, count) }
    static func lowerAlnum(_ count: Int) -> String { chars(lowerAlnum, count) }
    static func upper(_ count: Int) -> String { chars(upperDigits, count) }
    static func hex(_ count: Int) -> String { chars(hexDigits, count) }
    static func b64(_ count: Int) -> String { chars(base64, count) }
    static let uuid = hex(8) + "-" + hex(4) + "-" + hex(4) + "-" + hex(4) + "-" + hex(12)
    /// `-----BEGIN <kind>-----`, built from parts.
    static func pemBegin(_ kind: String) -> String { String(repeating: "-", count: 5) + "BEGIN " + kind + String(repeating: "-", count: 5) }
    static func pemEnd(_ kind: String) -> String { String(repeating: "-", count: 5) + "END " + kind + String(repeating: "-", count: 5) }
    /// A PEM block shaped like a real key: its body is base64 of a DER SEQUENCE of `bytes`
    /// pattern bytes (as long as it declares), wrapped at 64 characters and joined by `newline`.
    static func pem(_ kind: String, bytes: Int = 600, newline: String = "\n") -> String {
        let content = (0..<bytes).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        let der = [0x30, 0x82, UInt8(bytes >> 8), UInt8(bytes & 0xFF)] + content
        let body = Data(der).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return ([pemBegin(kind)] + body.split(separator: "\n").map(String.init) + [pemEnd(kind)]).joined(separator: newline)
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")

    /// A GitHub token of the current format: `prefix`, 30 characters, then their CRC32 in six
    /// base62 digits (computed here, so it passes the checksum check without being real).
    static func github(_ prefix: String, seed: Int = 0) -> String {
        let body = String(chars(alnum, 30 + seed).suffix(30))
        var crc = crc32(Array(body.utf8))
        var digits: [Character] = []
        for _ in 0..<6 { digits.insert(base62[Int(crc % 62)], at: 0); crc /= 62 }
        return prefix + body + String(digits)
    }

    /// An AWS access key ID: `AKIA` and 16 base32 characters.
    static func awsKeyID() -> String { "AKIA" + chars("ABCDEFGHJKMNPQRSTVWXYZ234567", 16) }

    /// A Docker config `auth` value: base64 of `user:password`.
    static func dockerAuth() -> String { Data(("deploy:" + alnum(16)).utf8).base64EncodedString() }

    /// CRC-32 (IEEE), written out here so the tests do not trust the code under test.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
