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
            return try AdvisoryImporter(databasePath: databasePath).importFeeds(Self.feeds(in: staging))
        }
        return try AdvisoryImporter(databasePath: databasePath).importFeeds(Self.feeds(in: location))
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
