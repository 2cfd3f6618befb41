/// Reads the values of a Berkeley DB hash database held in memory: the format of rpm's
/// `Packages` file before rpm 4.16 (RHEL/CentOS ≤ 8, Amazon Linux 2). Only what rpm uses:
/// hash pages (`P_HASH`, `P_HASH_UNSORTED`) whose data items are inline (`H_KEYDATA`) or on
/// overflow page chains (`H_OFFPAGE`). Either byte order; every offset is bounds-checked and
/// every overflow chain is bounded, so a corrupt file ends in an error, never a crash or a loop.
struct BerkeleyHashDB {
    /// A file that is not a readable Berkeley DB hash database.
    struct FormatError: Error, CustomStringConvertible { let description: String }

    private let bytes: [UInt8]
    private let pageSize: Int
    private let lastPage: Int
    private let swapped: Bool

    private static let hashMagic: UInt32 = 0x061561
    private static let pageHeaderSize = 26

    init(_ bytes: [UInt8]) throws(FormatError) {
        guard bytes.count >= 512 else { throw FormatError(description: "shorter than a Berkeley DB meta page") }
        self.bytes = bytes
        let little = Self.read32(bytes, 12, swapped: false)
        if little == Self.hashMagic { swapped = false }
        else if Self.read32(bytes, 12, swapped: true) == Self.hashMagic { swapped = true }
        else { throw FormatError(description: "not a Berkeley DB hash database (magic \(String(little, radix: 16)))") }
        pageSize = Int(Self.read32(bytes, 20, swapped: swapped))
        guard [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536].contains(pageSize) else {
            throw FormatError(description: "page size \(pageSize) invalid")
        }
        lastPage = min(Int(Self.read32(bytes, 32, swapped: swapped)), bytes.count / pageSize - 1)
    }

    /// Every data value of the database in page order (keys are skipped).
    func values() throws(FormatError) -> [[UInt8]] {
        var out: [[UInt8]] = []
        guard lastPage >= 1 else { return out }
        for page in 1...lastPage {
            let base = page * pageSize
            let type = bytes[base + 25]
            guard type == 13 || type == 2 else { continue }  // P_HASH, P_HASH_UNSORTED
            let entries = Int(read16(base + 20))
            guard Self.pageHeaderSize + entries * 2 <= pageSize else { throw FormatError(description: "page \(page): \(entries) entries") }
            // Items alternate key, data; the data items are the odd ones.
            var index = 1
            while index < entries {
                let offset = Int(read16(base + Self.pageHeaderSize + index * 2))
                let previous = Int(read16(base + Self.pageHeaderSize + (index - 1) * 2))
                guard offset >= Self.pageHeaderSize, offset < pageSize, previous <= pageSize, offset < previous else {
                    throw FormatError(description: "page \(page): item \(index) at \(offset)")
                }
                switch bytes[base + offset] {
                case 1:  // H_KEYDATA: the bytes up to the previous item
                    out.append(Array(bytes[(base + offset + 1)..<(base + previous)]))
                case 3:  // H_OFFPAGE: first overflow page and total length
                    guard offset + 12 <= pageSize else { throw FormatError(description: "page \(page): short off-page item") }
                    let first = Int(read32(base + offset + 4))
                    let length = Int(read32(base + offset + 8))
                    out.append(try overflow(from: first, length: length))
                default:
                    break  // duplicates are not used by rpm
                }
                index += 2
            }
        }
        return out
    }

    /// The value stored on the overflow chain starting at `page`.
    private func overflow(from page: Int, length: Int) throws(FormatError) -> [UInt8] {
        guard length >= 0, length <= bytes.count else { throw FormatError(description: "overflow length \(length)") }
        var value: [UInt8] = []
        value.reserveCapacity(length)
        var current = page
        var hops = 0
        while current != 0, value.count < length {
            hops += 1
            guard current >= 1, current <= lastPage, hops <= lastPage else {
                throw FormatError(description: "overflow chain broken at page \(current)")
            }
            let base = current * pageSize
            guard bytes[base + 25] == 7 else { throw FormatError(description: "page \(current) is not an overflow page") }
            let count = Int(read16(base + 22))  // OV_LEN: bytes on this page
            guard Self.pageHeaderSize + count <= pageSize else {
                throw FormatError(description: "overflow page \(current) length \(count)")
            }
            value.append(contentsOf: bytes[(base + Self.pageHeaderSize)..<(base + Self.pageHeaderSize + count)])
            current = Int(read32(base + 16))
        }
        guard value.count == length else { throw FormatError(description: "overflow value has \(value.count) of \(length) bytes") }
        return value
    }

    private func read16(_ at: Int) -> UInt16 {
        let a = UInt16(bytes[at]), b = UInt16(bytes[at + 1])
        return swapped ? a << 8 | b : b << 8 | a
    }

    private func read32(_ at: Int) -> UInt32 { Self.read32(bytes, at, swapped: swapped) }

    private static func read32(_ bytes: [UInt8], _ at: Int, swapped: Bool) -> UInt32 {
        let b = (0..<4).map { UInt32(bytes[at + $0]) }
        return swapped ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
    }
}
