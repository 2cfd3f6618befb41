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
    /// A PEM block whose body is `lines` lines of fake base64.
    static func pem(_ kind: String, lines: Int = 12) -> String {
        ([pemBegin(kind)] + (0..<lines).map { _ in b64(64) } + [pemEnd(kind)]).joined(separator: "\n")
    }
}
