/// The build information the Go linker embeds in every binary (Go ≥ 1.18 inline format):
/// the Go version and the module list (`path`, `mod`, `dep`, `=>` lines of `go version -m`).
public struct GoBuildInfo: Sendable, Equatable {
    /// `go1.19.8` (a toolchain suffix such as ` X:boringcrypto` is dropped).
    public var goVersion: String
    /// The main package's import path.
    public var path: String?
    /// The main module (`mod` line).
    public var mainModule: Module?
    /// Dependency modules after `=>` replacements, in the binary's order.
    public var dependencies: [Module]

    /// One module.
    public struct Module: Sendable, Equatable {
        public var path: String
        public var version: String
        public init(path: String, version: String) { self.path = path; self.version = version }
    }

    /// The 14-byte magic at the start of the `.go.buildinfo` section.
    public static let magic: [UInt8] = [0xFF] + Array(" Go buildinf:".utf8)

    /// The packages: `stdlib` (version without `go`), the main module unless it is `(devel)`,
    /// and every dependency with a version.
    public func records() -> [PackageRecord] {
        var out: [PackageRecord] = []
        var version = goVersion
        if version.hasPrefix("go") { version.removeFirst(2) }
        if !version.isEmpty { out.append(PackageRecord(name: "stdlib", version: version, type: .golang)) }
        if let mainModule, !mainModule.version.isEmpty, mainModule.version != "(devel)" {
            out.append(PackageRecord(name: mainModule.path, version: mainModule.version, type: .golang))
        }
        for module in dependencies where !module.version.isEmpty && module.version != "(devel)" {
            out.append(PackageRecord(name: module.path, version: module.version, type: .golang))
        }
        return out
    }

    /// Parses the module text (`path\t…`, `mod\t…`, `dep\t…`, `=>\t…` lines) after the Go
    /// version. The 16-byte sentinels around it are stripped when present.
    public init(goVersion: String, modInfo: [UInt8]) {
        self.goVersion = String(goVersion.split(separator: " ").first ?? "")
        self.dependencies = []
        var text = modInfo
        if text.count >= 33, text[text.count - 17] == 0x0A { text = Array(text[16..<(text.count - 16)]) }
        for line in String(decoding: text, as: UTF8.self).split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { continue }
            let version = fields.count >= 3 ? fields[2] : ""
            switch fields[0] {
            case "path": path = fields[1]
            case "mod": mainModule = Module(path: fields[1], version: version)
            case "dep": dependencies.append(Module(path: fields[1], version: version))
            case "=>":
                // A replacement with a version (another module) wins; a local folder keeps the original.
                if !version.isEmpty, !dependencies.isEmpty {
                    dependencies[dependencies.count - 1] = Module(path: fields[1], version: version)
                }
            default: break
            }
        }
    }

    /// Parses the section bytes starting at the magic. Returns `.needMore` while `bytes` is
    /// too short, `.invalid` when they are not a build-info header (e.g. the magic string
    /// appearing as data), `.legacy` for the pointer-based format of Go < 1.18.
    static func parseHeader(_ bytes: ArraySlice<UInt8>, maxModInfo: Int) -> HeaderParse {
        let base = bytes.startIndex
        guard bytes.count >= 32 else { return .needMore }
        for i in 0..<14 where bytes[base + i] != magic[i] { return .invalid }
        let pointerSize = bytes[base + 14], flags = bytes[base + 15]
        guard pointerSize == 4 || pointerSize == 8, flags & ~0x3 == 0 else { return .invalid }
        guard flags & 0x2 != 0 else { return .legacy }
        var at = base + 32
        guard case .value(let versionLength, let afterVersionLength) = varint(bytes, at) else { return .needMore }
        guard versionLength > 0, versionLength <= 128 else { return .invalid }
        at = afterVersionLength
        guard at + versionLength <= bytes.endIndex else { return .needMore }
        let version = String(decoding: bytes[at..<(at + versionLength)], as: UTF8.self)
        guard version.hasPrefix("go") || version.hasPrefix("devel") else { return .invalid }
        at += versionLength
        guard case .value(let modLength, let afterModLength) = varint(bytes, at) else { return .needMore }
        guard modLength <= maxModInfo else { return .invalid }
        at = afterModLength
        guard at + modLength <= bytes.endIndex else { return .needMore }
        return .done(GoBuildInfo(goVersion: version, modInfo: Array(bytes[at..<(at + modLength)])))
    }

    enum HeaderParse { case needMore, invalid, legacy, done(GoBuildInfo) }

    private enum Varint { case value(Int, Int), needMore }

    /// An unsigned LEB128 varint at `at`: its value and the index after it.
    private static func varint(_ bytes: ArraySlice<UInt8>, _ at: Int) -> Varint {
        var value = 0, shift = 0, index = at
        while index < bytes.endIndex {
            let byte = bytes[index]
            value |= Int(byte & 0x7F) << shift
            index += 1
            if byte & 0x80 == 0 { return .value(value, index) }
            shift += 7
            if shift > 35 { return .value(Int.max, index) }
        }
        return .needMore
    }

}
