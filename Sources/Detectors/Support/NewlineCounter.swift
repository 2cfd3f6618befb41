/// Counts `\n` bytes eight at a time (exact SWAR zero-byte test), for line numbers in
/// streamed files at memory speed.
enum NewlineCounter {
    static func count(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let low7: UInt64 = 0x7f7f_7f7f_7f7f_7f7f
        let newlines: UInt64 = 0x0a0a_0a0a_0a0a_0a0a
        var total = 0
        var offset = 0
        let words = bytes.count / 8
        for index in 0..<words {
            let x = base.loadUnaligned(fromByteOffset: index &* 8, as: UInt64.self) ^ newlines
            // High bit set exactly in the bytes of x that are zero.
            let zero = ~(((x & low7) &+ low7) | x | low7)
            total &+= zero.nonzeroBitCount
        }
        offset = words * 8
        while offset < bytes.count {
            if bytes[offset] == 0x0a { total += 1 }
            offset += 1
        }
        return total
    }
}
