extension Compression {
    /// The compression of a stream whose first bytes are `prefix` (gzip `1f 8b`, zstd `28 b5 2f fd`).
    static func detect(_ prefix: [UInt8]) -> Compression {
        if prefix.count >= 2 && prefix[0] == 0x1f && prefix[1] == 0x8b { return .gzip }
        if prefix.count >= 4 && prefix[0] == 0x28 && prefix[1] == 0xb5 && prefix[2] == 0x2f && prefix[3] == 0xfd {
            return .zstd
        }
        return .none
    }
}
