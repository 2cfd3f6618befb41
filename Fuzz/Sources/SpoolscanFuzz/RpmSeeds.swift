/// rpm header blobs laid out as the rpm database stores them.
enum RpmSeeds {
    static func header(withMagic: Bool = false) -> [UInt8] {
        let strings: [(Int32, String)] = [(1000, "bash"), (1001, "5.1.8"), (1002, "9.el9"), (1014, "GPLv3+"),
                                          (1022, "x86_64"), (1044, "bash-5.1.8-9.el9.src.rpm")]
        var index: [UInt8] = []
        var store: [UInt8] = []
        func be32(_ v: Int32) -> [UInt8] { withUnsafeBytes(of: v.bigEndian) { Array($0) } }
        for (tag, text) in strings {
            index += be32(tag) + be32(6) + be32(Int32(store.count)) + be32(1)
            store += Array(text.utf8) + [0]
        }
        while store.count % 4 != 0 { store.append(0) }
        index += be32(1003) + be32(4) + be32(Int32(store.count)) + be32(1)
        store += be32(1)
        let blob = be32(Int32(strings.count + 1)) + be32(Int32(store.count)) + index + store
        return withMagic ? [0x8E, 0xAD, 0xE8, 0x01, 0, 0, 0, 0] + blob : blob
    }
}
