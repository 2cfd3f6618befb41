import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SpoolscanCore

/// A mirror of the advisory feeds, laid out as `<Ecosystem>/all.zip` (OSV's own layout),
/// `alpine-secdb/v3.N/*.json` and `debian-tracker.json`: a local folder (air-gapped use) or an
/// http(s) URL. Updating imports whatever the mirror has into the database.
public struct FeedMirror: Sendable {
    /// Folder path or `http://` / `https://` URL.
    public let location: String

    /// A mirror at `location`: a folder path or an http(s) URL.
    public init(location: String) { self.location = location }

    /// OSV's public export (`<Ecosystem>/all.zip`), the default for `db update`.
    public static let osvBucket = "https://osv-vulnerabilities.storage.googleapis.com"

    /// Imports the mirror's feeds into the database at `databasePath`.
    public func update(databasePath: String) throws(SpoolscanError) -> AdvisoryImporter.Result {
        if location.hasPrefix("http://") || location.hasPrefix("https://") {
            let folder = (databasePath as NSString).deletingLastPathComponent
            let staging = (folder.isEmpty ? "." : folder) + "/.spoolscan-download.\(getpid())"
            defer { try? FileManager.default.removeItem(atPath: staging) }
            try FeedDownloader(base: location).download(into: staging)
            return try Self.importMirror(staging, into: databasePath)
        }
        return try Self.importMirror(location, into: databasePath)
    }

    /// Imports a mirror folder's feeds; the files it does not read are listed in the result's
    /// `warnings` as `skipped PATH: reason`. A feed file of the layout that holds no records is
    /// listed too; `DB-009` when the whole mirror yields none.
    static func importMirror(_ folder: String, into databasePath: String) throws(SpoolscanError) -> AdvisoryImporter.Result {
        let feeds: [String]
        do { feeds = try Self.feeds(in: folder) } catch {
            let skipped = skipped(in: folder, feeds: []).map { "\n  skipped \($0.path): \($0.reason)" }.joined()
            throw SpoolscanError(error.code, error.detail + skipped)
        }
        var result = try AdvisoryImporter(databasePath: databasePath).importFeeds(feeds, everyPathMustYield: false)
        result.warnings = skipped(in: folder, feeds: feeds).map { "skipped \($0.path): \($0.reason)" } + result.warnings
        return result
    }

    /// Every regular file under `folder` that is not one of `feeds`, with the reason it is not read.
    public static func skipped(in folder: String, feeds: [String]) -> [(path: String, reason: String)] {
        let used = Set(feeds)
        let files = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []).sorted()
        var result: [(path: String, reason: String)] = []
        for relative in files {
            let full = "\(folder)/\(relative)"
            var isDirectory: ObjCBool = false
            guard !used.contains(full), FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory),
                  !isDirectory.boolValue else { continue }
            result.append((full, reason(relative)))
        }
        return result
    }

    /// Why the mirror layout does not read a file at `relative` (a path inside the mirror).
    static func reason(_ relative: String) -> String {
        let parts = relative.split(separator: "/").map(String.init)
        let layout = "the mirror layout is <Ecosystem>/all.zip, alpine-secdb/v3.N/*.json, debian-tracker.json"
        guard parts.count > 1 else { return "not a feed file of the mirror; \(layout)" }
        if parts[0] == "alpine-secdb" {
            if parts.count != 3 { return "Alpine secdb files belong in alpine-secdb/v3.N/" }
            return parts[2].hasSuffix(".json") ? "not read" : "not a .json file"
        }
        if Ecosystem(rawValue: parts[0]) != nil { return "only \(parts[0])/all.zip is read from this folder" }
        if parts.last == "all.zip" { return "\(parts[0]) is not an ecosystem spoolscan imports (\(Ecosystem.allCases.map(\.rawValue).joined(separator: ", ")))" }
        return "not part of the mirror layout; \(layout)"
    }

    /// The feed files a mirror folder holds, in a stable order. Throws `DB-003` when there are none.
    public static func feeds(in folder: String) throws(SpoolscanError) -> [String] {
        let fm = FileManager.default
        var feeds: [String] = []
        for ecosystem in Ecosystem.allCases {
            let zip = "\(folder)/\(ecosystem.rawValue)/all.zip"
            if fm.fileExists(atPath: zip) { feeds.append(zip) }
        }
        let alpine = "\(folder)/alpine-secdb"
        for branch in ((try? fm.contentsOfDirectory(atPath: alpine)) ?? []).sorted() {
            for file in ((try? fm.contentsOfDirectory(atPath: "\(alpine)/\(branch)")) ?? []).sorted() where file.hasSuffix(".json") {
                feeds.append("\(alpine)/\(branch)/\(file)")
            }
        }
        if fm.fileExists(atPath: "\(folder)/debian-tracker.json") { feeds.append("\(folder)/debian-tracker.json") }
        guard !feeds.isEmpty else {
            throw SpoolscanError(.dbImportFormat, "\(folder): no <Ecosystem>/all.zip, alpine-secdb/ or debian-tracker.json")
        }
        return feeds
    }
}
