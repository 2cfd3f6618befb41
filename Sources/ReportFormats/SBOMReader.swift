import Foundation
import ScanReport
import SpoolscanCore

/// Reads a CycloneDX (1.2–1.6) or SPDX 2.x JSON SBOM into an ``SBOMInventory``, recognising the
/// format by content. Errors are `RPT-001` (not a JSON SBOM spoolscan reads) and `RPT-002`
/// (a CycloneDX or SPDX document with a broken structure, or too large).
public enum SBOMReader {
    /// The largest SBOM read (the whole document is held in memory).
    public static let maxBytes = 256 << 20

    /// Reads the SBOM at `path`.
    public static func read(path: String) throws(SpoolscanError) -> (SBOMInventory, Data) {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path)) } catch {
            throw SpoolscanError(.unreadable, "\(path): \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        let data: Data
        do { data = try handle.read(upToCount: maxBytes + 1) ?? Data() } catch {
            throw SpoolscanError(.unreadable, "\(path): \(error.localizedDescription)")
        }
        guard data.count <= maxBytes else {
            throw SpoolscanError(.sbomInvalid, "\(path) is larger than \(maxBytes >> 20) MiB")
        }
        return (try parse(data), data)
    }

    /// Parses SBOM bytes.
    public static func parse(_ data: Data) throws(SpoolscanError) -> SBOMInventory {
        guard !data.isEmpty else { throw SpoolscanError(.sbomUnrecognised, "the file is empty") }
        let first = data.first { ![0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf].contains($0) }
        if first == UInt8(ascii: "<") {
            throw SpoolscanError(.sbomUnrecognised, "XML SBOMs are not read; give CycloneDX or SPDX as JSON")
        }
        if data.starts(with: Array("SPDXVersion:".utf8)) {
            throw SpoolscanError(.sbomUnrecognised, "SPDX tag-value is not read; give SPDX as JSON")
        }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw SpoolscanError(.sbomUnrecognised, "not JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any] else {
            throw SpoolscanError(.sbomUnrecognised, "the JSON document is not an object")
        }
        if let format = root["bomFormat"] as? String, format == "CycloneDX" {
            return try CycloneDXReader.inventory(root)
        }
        if let version = root["spdxVersion"] as? String {
            guard version.hasPrefix("SPDX-2.") else {
                throw SpoolscanError(.sbomUnrecognised, "SPDX version \(version) is not read (SPDX 2.2 and 2.3 are)")
            }
            return try SPDXReader.inventory(root)
        }
        if root["@context"] != nil {
            throw SpoolscanError(.sbomUnrecognised, "JSON-LD documents (SPDX 3) are not read; give SPDX 2.3 or CycloneDX JSON")
        }
        throw SpoolscanError(.sbomUnrecognised, "neither CycloneDX (bomFormat) nor SPDX (spdxVersion)")
    }

    /// The distribution of an inventory: the one the SBOM names, else the `distro` qualifier of
    /// the first OS package.
    static func operatingSystem(named: OSInfo?, packages: [Package]) -> OSInfo? {
        if let named { return named }
        for package in packages where [.deb, .apk, .rpm].contains(package.type) {
            if let os = SBOMPackageMapper.operatingSystem(purl: package.purl) { return os }
        }
        return nil
    }

    /// A warning naming the components that could not be matched, with up to five examples.
    static func skippedWarning(_ skipped: [String]) -> ReportWarning? {
        guard !skipped.isEmpty else { return nil }
        let examples = skipped.prefix(5).joined(separator: ", ")
        return ReportWarning(.sbomComponentSkipped,
                             "\(skipped.count) SBOM components have no purl of a type spoolscan matches and were not checked (\(examples)\(skipped.count > 5 ? ", …" : ""))")
    }
}
