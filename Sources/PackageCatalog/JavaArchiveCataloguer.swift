import ZipArchive

/// Java archives (`.jar`, `.war`, `.ear`, and Jenkins `.jpi`/`.hpi`), including nested jars
/// (`BOOT-INF/lib/*.jar`, `WEB-INF/lib/*.jar`, or any `.jar` inside), read with libarchive.
///
/// Each `META-INF/maven/<group>/<artifact>/pom.properties` is a package named
/// `group:artifact`. A jar without one falls back to its `META-INF/MANIFEST.MF` and file
/// name (see ``JavaManifest``).
public enum JavaArchiveCataloguer {
    /// Bounds that keep a hostile archive (zip bomb, jar-in-jar recursion) cheap.
    public struct Limits: Sendable {
        /// Nesting depth of jars inside jars that is still opened (the outer jar is depth 0).
        public var maxDepth = 3
        /// Bytes of one metadata entry (`pom.properties`, `MANIFEST.MF`).
        public var maxMetadataBytes = 1 << 20
        /// Bytes decompressed for one outer archive, nested jars included.
        public var maxExpandedBytes = 256 << 20
        /// Entries walked in one archive.
        public var maxEntries = 200_000
        public init() {}
    }

    /// Packages and the warnings of one archive.
    public struct Result: Sendable {
        public var records: [PackageRecord] = []
        public var warnings: [String] = []
    }

    static func isArchivePath(_ path: String) -> Bool {
        let bytes = path.utf8
        guard bytes.count > 4 else { return false }
        var suffix = 0 as UInt32
        for byte in bytes.suffix(4) { suffix = suffix << 8 | UInt32(byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0)) }
        return archiveSuffixes.contains(suffix)
    }

    /// `.jar`, `.war`, `.ear`, `.jpi`, `.hpi` as four lowercase bytes.
    private static let archiveSuffixes: Set<UInt32> = Set([".jar", ".war", ".ear", ".jpi", ".hpi"].map { text in
        text.utf8.reduce(0 as UInt32) { $0 << 8 | UInt32($1) }
    })

    /// Catalogues the archive `bytes` named `fileName` (its last path component, used by the
    /// manifest fallback). Warnings name entries relative to the archive.
    public static func parse(_ bytes: [UInt8], fileName: String, limits: Limits = Limits()) -> Result {
        var result = Result()
        var budget = limits.maxExpandedBytes
        walk(bytes, innerPath: nil, fileName: fileName, depth: 0, limits: limits, budget: &budget, result: &result)
        return result
    }

    private static func walk(_ bytes: [UInt8], innerPath: String?, fileName: String, depth: Int, limits: Limits,
                             budget: inout Int, result: inout Result) {
        var poms: [(String, [UInt8])] = []
        var manifest: [UInt8]?
        var nested: [(String, [UInt8])] = []
        let label = innerPath.map { "nested " + $0 } ?? "archive"
        do {
            try ZipReader.walk(bytes, maxEntries: limits.maxEntries, want: { path in
                let isMetadata = path == "META-INF/MANIFEST.MF" || isPomProperties(path)
                let isNested = isArchivePath(path) && depth < limits.maxDepth
                if !isMetadata && !isNested {
                    if isArchivePath(path) {
                        result.warnings.append("\(label): nested archive \(path) deeper than \(limits.maxDepth) levels skipped")
                    }
                    return .skip
                }
                guard budget > 0 else { return .stop }
                return .read(cap: min(isMetadata ? limits.maxMetadataBytes : budget, budget))
            }, body: { path, data in
                budget -= data.bytes.count
                guard data.complete else {
                    result.warnings.append("\(label): \(path) exceeds the size limit; skipped")
                    return true
                }
                if path == "META-INF/MANIFEST.MF" { manifest = data.bytes }
                else if isPomProperties(path) { poms.append((path, data.bytes)) }
                else { nested.append((path, data.bytes)) }
                return true
            })
        } catch {
            result.warnings.append("\(label): not a readable zip archive (\(error))")
            return
        }
        if budget <= 0 { result.warnings.append("\(label): expansion limit of \(limits.maxExpandedBytes) bytes reached") }
        var found = poms.compactMap { pomRecord($0.1) }
        if found.isEmpty, let record = JavaManifest.record(manifest: manifest ?? [], fileName: fileName) { found = [record] }
        for var record in found {
            record.innerPath = innerPath
            if !result.records.contains(record) { result.records.append(record) }
        }
        for (path, data) in nested where budget > 0 {
            let inner = innerPath.map { $0 + "!/" + path } ?? path
            walk(data, innerPath: inner, fileName: String(path.split(separator: "/").last ?? Substring(path)),
                 depth: depth + 1, limits: limits, budget: &budget, result: &result)
        }
    }

    static func isPomProperties(_ path: String) -> Bool {
        path.hasPrefix("META-INF/maven/") && path.hasSuffix("/pom.properties") && path.split(separator: "/").count == 5
    }

    /// A `pom.properties` (`groupId`, `artifactId`, `version`) as a package.
    public static func pomRecord(_ bytes: [UInt8]) -> PackageRecord? {
        var values: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let text = ControlFields.trim(line)
            guard !text.hasPrefix("#"), !text.hasPrefix("!"),
                  let separator = text.firstIndex(where: { $0 == "=" || $0 == ":" }) else { continue }
            values[ControlFields.trim(text[..<separator])] = ControlFields.trim(text[text.index(after: separator)...])
        }
        guard let group = values["groupId"], let artifact = values["artifactId"], let version = values["version"],
              !group.isEmpty, !artifact.isEmpty, !version.isEmpty else { return nil }
        return PackageRecord(name: group + ":" + artifact, version: version, type: .maven)
    }
}
