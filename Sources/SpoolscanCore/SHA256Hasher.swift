import CCrypto

/// Incremental SHA-256 over OpenSSL's libcrypto (uses SHA-NI where the CPU has it).
///
/// Not `Sendable`: one hasher belongs to the one stream it digests.
public final class SHA256Hasher {
    private let context: OpaquePointer
    private var finished = false

    public init() {
        guard let ctx = EVP_MD_CTX_new() else { fatalError("EVP_MD_CTX_new failed: out of memory") }
        context = ctx
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Feeds bytes.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        EVP_DigestUpdate(context, base, bytes.count)
    }

    /// Feeds bytes.
    public func update<S: Sequence<UInt8>>(_ bytes: S) {
        let array = Array(bytes)
        array.withUnsafeBytes { update($0) }
    }

    /// The digest as lowercase hex (64 characters). Call once.
    public func finalizeHex() -> String {
        precondition(!finished, "SHA256Hasher finalised twice")
        finished = true
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        _ = out.withUnsafeMutableBufferPointer { EVP_DigestFinal_ex(context, $0.baseAddress, &length) }
        return Hex.encode(out)
    }

    /// SHA-256 of a byte buffer, as lowercase hex.
    public static func hex<S: Sequence<UInt8>>(_ bytes: S) -> String {
        let hasher = SHA256Hasher()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }
}

/// Lowercase hexadecimal encoding.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<S: Sequence<UInt8>>(_ bytes: S) -> String {
        var chars = [UInt8]()
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
