/// An rpm header as stored in the rpm database: a 4-byte big-endian index count `il`, a
/// 4-byte data length `dl`, `il` index entries of 16 bytes (tag, type, offset, count, all
/// big-endian 32-bit) and a data store of `dl` bytes. A header that starts with the
/// 8-byte header magic `8e ad e8 01 00 00 00 00` (as in `.rpm` files) is accepted too.
public struct RpmHeader: Sendable {
    /// Tags used for the inventory.
    public enum Tag: Int32, Sendable {
        case name = 1000, version = 1001, release = 1002, epoch = 1003, license = 1014
        case arch = 1022, sourceRPM = 1044
    }

    /// A malformed header.
    public struct FormatError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    private struct Entry { let type: Int32; let offset: Int; let count: Int }
    private let entries: [Int32: Entry]
    private let store: ArraySlice<UInt8>

    /// Parses a header blob, checking every entry against the data store's bounds.
    public init(_ blob: [UInt8]) throws(FormatError) {
        var base = 0
        if blob.count >= 8, blob[0] == 0x8E, blob[1] == 0xAD, blob[2] == 0xE8, blob[3] == 0x01 { base = 8 }
        guard blob.count >= base + 8 else { throw FormatError(description: "rpm header shorter than 8 bytes") }
        let il = Int(Self.be32(blob, base)), dl = Int(Self.be32(blob, base + 4))
        guard il >= 1, il <= 0xFFFF, dl >= 0, dl <= 256 << 20 else {
            throw FormatError(description: "rpm header counts out of range (il \(il), dl \(dl))")
        }
        let storeStart = base + 8 + il * 16
        guard storeStart + dl <= blob.count else {
            throw FormatError(description: "rpm header truncated: needs \(storeStart + dl) bytes, has \(blob.count)")
        }
        var entries: [Int32: Entry] = [:]
        for i in 0..<il {
            let at = base + 8 + i * 16
            let tag = Int32(bitPattern: Self.be32(blob, at))
            let type = Int32(bitPattern: Self.be32(blob, at + 4))
            let offset = Int(Int32(bitPattern: Self.be32(blob, at + 8)))
            let count = Int(Self.be32(blob, at + 12))
            guard offset >= 0, offset <= dl else { continue }
            entries[tag] = Entry(type: type, offset: offset, count: count)
        }
        self.entries = entries
        self.store = blob[storeStart..<(storeStart + dl)]
    }

    /// A string tag (types STRING 6, STRING_ARRAY 8 and I18NSTRING 9: the first string).
    public func string(_ tag: Tag) -> String? {
        guard let entry = entries[tag.rawValue], [6, 8, 9].contains(entry.type) else { return nil }
        let start = store.startIndex + entry.offset
        guard let end = store[start...].firstIndex(of: 0) else { return nil }
        return String(decoding: store[start..<end], as: UTF8.self)
    }

    /// An integer tag (INT32, type 4: the first value).
    public func int32(_ tag: Tag) -> Int32? {
        guard let entry = entries[tag.rawValue], entry.type == 4, entry.count >= 1 else { return nil }
        let start = store.startIndex + entry.offset
        guard start + 4 <= store.endIndex else { return nil }
        return Int32(bitPattern: Self.be32(store, start))
    }

    /// The package this header describes, or nil without a name and version.
    public func record() -> PackageRecord? {
        guard let name = string(.name), let version = string(.version), !name.isEmpty else { return nil }
        let release = string(.release)
        let epoch = int32(.epoch).map(String.init)
        var full = release.map { version + "-" + $0 } ?? version
        if let epoch { full = epoch + ":" + full }
        var sourceName: String?, sourceVersion: String?
        if let source = string(.sourceRPM) { (sourceName, sourceVersion) = Self.splitSourceRPM(source) }
        return PackageRecord(name: name, version: full, type: .rpm, sourceName: sourceName,
                             sourceVersion: sourceVersion, arch: string(.arch),
                             licenses: string(.license).map { [$0] } ?? [], epoch: epoch)
    }

    /// `name-1.2-3.el9.src.rpm` → (`name`, `1.2-3.el9`).
    static func splitSourceRPM(_ file: String) -> (String?, String?) {
        var stem = Substring(file)
        for suffix in [".rpm", ".src", ".nosrc"] where stem.hasSuffix(suffix) { stem = stem.dropLast(suffix.count) }
        guard let releaseDash = stem.lastIndex(of: "-") else { return (String(stem), nil) }
        guard let versionDash = stem[..<releaseDash].lastIndex(of: "-") else { return (String(stem), nil) }
        return (String(stem[..<versionDash]), String(stem[stem.index(after: versionDash)...]))
    }

    private static func be32<C: RandomAccessCollection>(_ bytes: C, _ at: Int) -> UInt32 where C.Element == UInt8, C.Index == Int {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}
