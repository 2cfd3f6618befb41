import Foundation

/// Structure checks for values whose issuer documents a format: GitHub's CRC32 checksum, the
/// base32 body of AWS key IDs, a private key's DER or OpenSSH body, a JWT's JSON header and
/// payload, a Docker `auth` that decodes to `user:password`. A value that fails is not reported.
enum SecretFormatCheck {
    /// Shortest decoded body accepted for a private key (an Ed25519 PKCS#8 key is 48 bytes).
    static let minimumKeyBytes = 48

    /// True when `value` (the rule's `secret` group, or the whole match) has the structure
    /// its rule's issuer documents; rules without a documented structure always pass.
    static func passes(ruleID: String, value: [UInt8]) -> Bool {
        switch ruleID {
        case "github-pat", "github-oauth", "github-app-token", "github-refresh-token": githubChecksum(value)
        case "aws-access-key-id": awsKeyID(value)
        case "private-key": privateKeyBody(value)
        case "jwt-token": jwt(value)
        case "docker-config-auth": Base64Decoder.decode(value)?.contains(UInt8(ascii: ":")) == true
        default: true
        }
    }

    private static let base62 = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `gh?_` + 30 random characters + their CRC32 as 6 base62 digits (GitHub's token format
    /// since 2021). Longer refresh tokens carry no such checksum and pass.
    static func githubChecksum(_ value: [UInt8]) -> Bool {
        guard value.count == 40 else { return value.count > 40 }
        var crc = CRC32.checksum(value[4..<34])
        var digits = [UInt8](repeating: base62[0], count: 6)
        for index in stride(from: 5, through: 0, by: -1) {
            digits[index] = base62[Int(crc % 62)]
            crc /= 62
        }
        return crc == 0 && Array(value[34..<40]) == digits
    }

    /// AWS key IDs: a 4-letter prefix, then 16 characters of the base32 alphabet (A–Z, 2–7).
    static func awsKeyID(_ value: [UInt8]) -> Bool {
        value.count == 20 && value[4...].allSatisfy { (65...90).contains($0) || (50...55).contains($0) }
    }

    /// A PEM body (between the BEGIN and END lines): header lines (`Proc-Type:`, `DEK-Info:`),
    /// white space, escaped newlines (`\n` inside JSON or YAML strings) and a PGP checksum line
    /// are dropped; the rest must be base64 decoding to a plausible key: an OpenSSH key, or a
    /// DER SEQUENCE at least as long as it declares and at least ``minimumKeyBytes``.
    static func privateKeyBody(_ value: [UInt8]) -> Bool {
        var text = String(decoding: value, as: UTF8.self)
        text = text.replacingOccurrences(of: "\\r", with: "\n").replacingOccurrences(of: "\\n", with: "\n")
        var body: [UInt8] = []
        for line in text.split(whereSeparator: \.isNewline) {  // "\r\n" is one Character
            let trimmed = line.trimmingCharacters(in: [" ", "\t", "\"", "'", ",", "\\"])
            if trimmed.contains(":") || trimmed.hasPrefix("=") { continue }
            body += trimmed.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        }
        guard let der = Base64Decoder.decode(body), der.count >= minimumKeyBytes else { return false }
        if der.starts(with: Array("openssh-key-v1".utf8)) { return true }
        if der[0] == 0x99 || der[0] == 0x95 || der[0] == 0xC5 { return true }  // OpenPGP secret-key packet
        guard der[0] == 0x30 else { return false }
        let declared: Int
        switch der[1] {
        case 0..<0x80: declared = Int(der[1]) + 2
        case 0x81: declared = Int(der[2]) + 3
        case 0x82: declared = Int(der[2]) << 8 + Int(der[3]) + 4
        case 0x83: declared = Int(der[2]) << 16 + Int(der[3]) << 8 + Int(der[4]) + 5
        default: return false
        }
        return der.count >= declared
    }

    /// A JWT: header and payload decode to JSON objects, the header names an `alg`, and neither
    /// holds the word `example` (the tokens of RFCs and library docs do).
    static func jwt(_ value: [UInt8]) -> Bool {
        let parts = value.split(separator: UInt8(ascii: "."))
        guard parts.count >= 3, let header = Base64Decoder.decode(parts[0]), let payload = Base64Decoder.decode(parts[1]),
              header.first == UInt8(ascii: "{"), payload.first == UInt8(ascii: "{") else { return false }
        let headerText = String(decoding: header, as: UTF8.self)
        let payloadText = String(decoding: payload, as: UTF8.self).lowercased()
        return headerText.contains("\"alg\"") && !payloadText.contains("example") && !headerText.lowercased().contains("example")
    }
}
