import Foundation
import SpoolscanCore

extension FeedSources {
    /// Downloads every feed into a staging folder beside the database and imports it: the database
    /// is rebuilt and renamed into place only when every download and the import succeeded, so a
    /// failed update (`DB-006`) leaves the old database as it was.
    public func update(databasePath: String, timeout: TimeInterval = 600) throws(SpoolscanError) -> AdvisoryImporter.Result {
        let folder = (databasePath as NSString).deletingLastPathComponent
        let staging = (folder.isEmpty ? "." : folder) + "/.spoolscan-download.\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        do {
            try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw SpoolscanError(.dbDownload, "\(staging): \(error.localizedDescription)")
        }
        try FeedDownloader(sources: self, timeout: timeout).download(into: staging)
        return try FeedMirror(location: staging).update(databasePath: databasePath)
    }
}
