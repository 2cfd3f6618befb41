import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SpoolscanCore

/// Downloads a mirror's feeds with URLSession into a staging folder laid out like a local mirror.
///
/// Each file is downloaded to a temporary name and renamed into place when complete. Fetched:
/// `<Ecosystem>/all.zip` for every ecosystem and `debian-tracker.json`; a 404 skips that feed.
/// Alpine's secdb branches cannot be listed over plain HTTP and are not fetched. Any other
/// failure, or a mirror with none of the files, is `DB-006`.
struct FeedDownloader {
    let base: String
    var timeout: TimeInterval = 600

    var relativePaths: [String] {
        Ecosystem.allCases.map { "\($0.rawValue)/all.zip" } + ["debian-tracker.json"]
    }

    func download(into staging: String) throws(SpoolscanError) {
        var fetched = 0
        for relative in relativePaths {
            let encoded = relative.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? relative
            guard let url = URL(string: base.hasSuffix("/") ? base + encoded : base + "/" + encoded) else {
                throw SpoolscanError(.dbDownload, "invalid URL \(base)")
            }
            let target = "\(staging)/\(relative)"
            if try fetch(url, to: target) { fetched += 1 }
        }
        guard fetched > 0 else { throw SpoolscanError(.dbDownload, "\(base): no feeds found") }
    }

    /// Downloads `url` to `path` atomically; false on 404.
    private func fetch(_ url: URL, to path: String) throws(SpoolscanError) -> Bool {
        final class Box: @unchecked Sendable { var location: URL?; var status = 0; var error: (any Error)? }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let folder = (path as NSString).deletingLastPathComponent
        let partial = path + ".partial"
        var request = URLRequest(url: url)
        request.timeoutInterval = timeout
        let task = URLSession.shared.downloadTask(with: request) { location, response, error in
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            box.error = error
            if let location, error == nil {
                // The temporary file disappears when this handler returns: move it now.
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                unlink(partial)
                do { try FileManager.default.moveItem(at: location, to: URL(fileURLWithPath: partial)); box.location = location }
                catch { box.error = error }
            }
            done.signal()
        }
        task.resume()
        done.wait()
        if let error = box.error { throw SpoolscanError(.dbDownload, "\(url.absoluteString): \(error.localizedDescription)") }
        if box.status == 404 { unlink(partial); return false }
        guard (200..<300).contains(box.status), box.location != nil else {
            unlink(partial)
            throw SpoolscanError(.dbDownload, "\(url.absoluteString): HTTP \(box.status)")
        }
        guard rename(partial, path) == 0 else {
            throw SpoolscanError(.dbDownload, "\(path): \(String(cString: strerror(errno)))")
        }
        return true
    }
}
