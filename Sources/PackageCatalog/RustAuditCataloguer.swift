/// Rust binaries built with cargo-auditable: the ELF section `.dep-v0` holds zlib-compressed
/// JSON `{"packages": [{"name", "version", "source", "kind", "dependencies"}]}`.
/// Every listed crate is reported (build-time dependencies included, as the binary records them).
public enum RustAuditCataloguer {
    static let sectionName = ".dep-v0"

    /// Why a binary's audit data could not be read.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// The crates recorded in an ELF file, nil when it has no `.dep-v0` section; throws when
    /// the section is there but corrupt.
    public static func parse(elf bytes: [UInt8], maxJSONBytes: Int = 16 << 20) throws(Failure) -> [PackageRecord]? {
        guard let section = ELFSections.section(named: sectionName, in: bytes) else { return nil }
        let json: [UInt8]
        do {
            json = try Inflate.zlib(section, cap: maxJSONBytes)
        } catch {
            throw Failure(description: ".dep-v0: \(error)")
        }
        return try parse(json: json)
    }

    /// The crates of the decompressed audit JSON.
    public static func parse(json: [UInt8]) throws(Failure) -> [PackageRecord] {
        guard let object = JSONValue.parse(json) as? [String: Any], let packages = object["packages"] as? [Any] else {
            throw Failure(description: ".dep-v0: not cargo-auditable JSON")
        }
        return packages.compactMap { item in
            guard let crate = item as? [String: Any], let name = JSONValue.string(crate["name"]),
                  let version = JSONValue.string(crate["version"]) else { return nil }
            return PackageRecord(name: name, version: version, type: .cargo)
        }
    }
}
