import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import SpoolscanCore

/// Downloads one URL to a file, streaming to `<path>.partial` and renaming it into place when
/// complete. A transfer cut after some bytes arrived is resumed with `Range: bytes=N-` (and
/// `If-Range` with the first response's strong ETag or Last-Modified); a server that answers the
/// range with a full `200` restarts the file from the start, and so does a body that arrived
/// content-encoded (`Accept-Encoding: identity` is asked for). A transfer that fails before any
/// byte arrived is not retried, so an unreachable host fails fast.
struct ResumableDownload {
    /// Seconds without progress before a request fails.
    var timeout: TimeInterval
    /// Requests made for one file at most (the first, then one per resumption).
    var maxRequests = 6

    /// Saves `url` at `path`; false when the server answers 404 (nothing is written).
    func fetch(_ url: URL, to path: String) throws(SpoolscanError) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let partial = path + ".partial"
        unlink(partial)
        var validator: String?
        var problem = "no response"
        for _ in 0..<maxRequests {
            let offset = Self.size(of: partial)
            var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
            // Byte offsets must count the file itself, not a compressed encoding of it.
            request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
            if offset > 0 {
                request.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range")
                if let validator { request.setValue(validator, forHTTPHeaderField: "If-Range") }
            }
            let transfer = Transfer(path: partial, offset: offset)
            transfer.run(request, timeout: timeout)
            if let failure = transfer.writeFailure {
                unlink(partial)
                throw SpoolscanError(.dbDownload, "\(path): \(failure)")
            }
            if transfer.status == 404, transfer.error == nil { unlink(partial); return false }
            if transfer.status == 416 || transfer.rangeMismatch {
                unlink(partial)  // the range no longer fits the file: start again
                problem = "HTTP \(transfer.status): range not satisfiable"
                continue
            }
            let success = transfer.status == 200 || transfer.status == 206
            if success, validator == nil || transfer.status == 200 { validator = transfer.validator }
            if success, transfer.error == nil, transfer.expected < 0 || transfer.received >= transfer.expected {
                guard rename(partial, path) == 0 else {
                    throw SpoolscanError(.dbDownload, "\(path): \(String(cString: strerror(errno)))")
                }
                return true
            }
            problem = transfer.error.map { $0.localizedDescription }
                ?? (success ? "connection closed after \(transfer.received) of \(transfer.expected) bytes" : "HTTP \(transfer.status)")
            // Only a transfer that made progress is worth resuming.
            guard success, transfer.received > 0 else { break }
            // A body sent content-encoded anyway was decoded on arrival: its offsets do not fit a range.
            if transfer.contentEncoded { unlink(partial) }
        }
        unlink(partial)
        throw SpoolscanError(.dbDownload, "\(url.absoluteString): \(problem)")
    }

    static func size(of path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : 0
    }
}

/// One HTTP request whose body is streamed into a file (appended when resuming at `offset`).
private final class Transfer: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let path: String
    let offset: Int64
    private let done = DispatchSemaphore(value: 0)
    private var file: FileHandle?
    private(set) var status = 0
    private(set) var error: (any Error)?
    private(set) var received: Int64 = 0
    /// Bytes this response announced (-1 when unknown).
    private(set) var expected: Int64 = -1
    /// A strong ETag, else Last-Modified: what `If-Range` needs to resume safely.
    private(set) var validator: String?
    private(set) var rangeMismatch = false
    /// The body came with a Content-Encoding other than identity.
    private(set) var contentEncoded = false
    private(set) var writeFailure: String?

    init(path: String, offset: Int64) {
        self.path = path
        self.offset = offset
    }

    func run(_ request: URLRequest, timeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        session.dataTask(with: request).resume()
        done.wait()
        session.finishTasksAndInvalidate()
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        status = http?.statusCode ?? 0
        expected = response.expectedContentLength
        if let etag = http?.value(forHTTPHeaderField: "ETag"), !etag.hasPrefix("W/") {
            validator = etag
        } else {
            validator = http?.value(forHTTPHeaderField: "Last-Modified")
        }
        let encoding = http?.value(forHTTPHeaderField: "Content-Encoding")?.lowercased() ?? "identity"
        contentEncoded = encoding != "identity"
        switch status {
        case 206:
            // Content-Range: bytes START-END/TOTAL must start where the file ends.
            let range = http?.value(forHTTPHeaderField: "Content-Range") ?? ""
            let start = range.split(whereSeparator: { $0 == " " || $0 == "-" }).dropFirst().first.flatMap { Int64($0) }
            guard start == offset, let handle = FileHandle(forWritingAtPath: path) else {
                rangeMismatch = true
                completionHandler(.cancel)
                return
            }
            handle.seekToEndOfFile()
            file = handle
        case 200:
            // A full body: (re)start the file.
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                writeFailure = "cannot create \(path): \(String(cString: strerror(errno)))"
                completionHandler(.cancel)
                return
            }
            file = handle
        default:
            break  // 404 and other statuses: the body is not kept
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let file, writeFailure == nil else { return }
        do {
            try file.write(contentsOf: data)
            received += Int64(data.count)
        } catch {
            writeFailure = "\(path): \(error.localizedDescription)"
            dataTask.cancel()
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        self.error = error
        if let file {
            do {
                try file.synchronize()
                try file.close()
            } catch {
                if writeFailure == nil { writeFailure = "\(path): \(error.localizedDescription)" }
            }
        }
        file = nil
        done.signal()
    }
}
