import ScanReport

/// Alpine's `lib/apk/db/installed`: blocks of `K:value` lines separated by blank lines.
public enum ApkCataloguer {
    static let path = "lib/apk/db/installed"

    /// Packages of an apk database (`P` name, `V` version, `A` arch, `o` origin, `L` licence).
    public static func parse(_ bytes: [UInt8]) -> [PackageRecord] {
        var records: [PackageRecord] = []
        var name: String?, version: String?, arch: String?, origin: String?, license: String?
        func flush() {
            if let name, let version, !name.isEmpty, !version.isEmpty {
                records.append(PackageRecord(name: name, version: version, type: .apk, sourceName: origin,
                                             arch: arch, licenses: license.map { [$0] } ?? []))
            }
            name = nil; version = nil; arch = nil; origin = nil; license = nil
        }
        ByteLines.forEach(bytes) { index, lineEnd in
            if lineEnd == index {
                flush()
            } else if lineEnd - index >= 2, bytes[index + 1] == 0x3A {
                let value = String(decoding: bytes[(index + 2)..<lineEnd], as: UTF8.self)
                switch bytes[index] {
                case UInt8(ascii: "P"): name = value
                case UInt8(ascii: "V"): version = value
                case UInt8(ascii: "A"): arch = value
                case UInt8(ascii: "o"): origin = value
                case UInt8(ascii: "L"): license = value.isEmpty ? nil : value
                default: break
                }
            }
            return true
        }
        flush()
        return records
    }
}
