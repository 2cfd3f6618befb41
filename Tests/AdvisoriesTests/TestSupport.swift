import Foundation
import ScanReport
@testable import Advisories

/// A temporary folder removed when the value is released.
final class TemporaryFolder: Sendable {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "advisories-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` (folders created) and returns the full path.
    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let full = path + "/" + name
        try! FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(text.utf8).write(to: URL(fileURLWithPath: full))
        return full
    }
}

enum Fixture {
    static let layer = LayerRef(index: 0, diffID: "sha256:" + String(repeating: "0", count: 64))

    static func package(_ name: String, _ version: String, _ type: PackageType, source: String? = nil,
                        sourceVersion: String? = nil, purl: String? = nil) -> Package {
        Package(name: name, version: version, type: type, purl: purl ?? "pkg:\(type.rawValue)/\(name)@\(version)",
                sourceName: source, sourceVersion: sourceVersion, paths: [], layer: layer)
    }

    static func image(os: OSInfo?, _ packages: [Package]) -> ImageReport {
        ImageReport(repoTags: ["test:latest"], imageID: "sha256:" + String(repeating: "1", count: 64), os: os,
                    architecture: "amd64", layers: [], config: ImageConfigSummary(), packages: packages)
    }

    /// Imports feeds written from `files` (name → JSON text) into a fresh database and opens it.
    static func database(_ files: [String: String], in folder: TemporaryFolder) throws -> AdvisoryDatabase {
        let paths = files.keys.sorted().map { folder.write("feeds/" + $0, files[$0]!) }
        let db = folder.path + "/advisories.db"
        _ = try AdvisoryImporter(databasePath: db).importFeeds(paths)
        return try AdvisoryDatabase(path: db)
    }

    /// Matches one package on an image and returns the findings.
    static func match(_ db: AdvisoryDatabase, os: OSInfo? = nil, _ packages: Package...) throws -> [Vulnerability] {
        var image = image(os: os, packages)
        try VulnerabilityMatcher(database: db).match(&image)
        return image.vulnerabilities
    }

    /// A minimal OSV record.
    static func osv(id: String, ecosystem: String = "PyPI", name: String, ranges: String = "", versions: [String] = [],
                    aliases: [String] = [], extra: String = "") -> String {
        let versionList = versions.map { "\"\($0)\"" }.joined(separator: ",")
        let aliasList = aliases.map { "\"\($0)\"" }.joined(separator: ",")
        return """
            {"id": "\(id)", "modified": "2024-01-01T00:00:00Z", "aliases": [\(aliasList)], "summary": "\(id) summary",
             \(extra)
             "affected": [{"package": {"ecosystem": "\(ecosystem)", "name": "\(name)"},
                           "ranges": [\(ranges)], "versions": [\(versionList)]}]}
            """
    }

    static func range(_ events: [(String, String)]) -> String { range("ECOSYSTEM", events) }

    static func range(_ type: String, _ events: [(String, String)]) -> String {
        let list = events.map { "{\"\($0.0)\": \"\($0.1)\"}" }.joined(separator: ",")
        return "{\"type\": \"\(type)\", \"events\": [\(list)]}"
    }
}
