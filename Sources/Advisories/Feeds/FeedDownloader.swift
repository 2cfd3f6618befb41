import Foundation
import SpoolscanCore

/// Downloads the advisory feeds into a staging folder laid out like a local mirror:
/// `<Ecosystem>/all.zip`, `alpine-secdb/v3.N/{main,community}.json` and `debian-tracker.json`.
///
/// Each feed comes from its own location in `sources` (see `FeedSources`). Alpine's branches are
/// read from the secdb index page. Every file is streamed to a temporary name, resumed when the
/// transfer is cut (`ResumableDownload`), and renamed into place when complete. A 404 skips that
/// file (or, for the Alpine index, all of Alpine). Any other failure, or sources that yield no
/// file at all, is `DB-006`.
struct FeedDownloader {
    let sources: FeedSources
    /// Seconds without progress before a request fails.
    var timeout: TimeInterval = 600

    /// Every feed from one mirror base URL.
    init(base: String, timeout: TimeInterval = 600) {
        self.init(sources: .mirror(base: base), timeout: timeout)
    }

    init(sources: FeedSources, timeout: TimeInterval = 600) {
        self.sources = sources
        self.timeout = timeout
    }

    /// Fetches everything the sources have into `staging`; returns the paths written, relative to it.
    @discardableResult
    func download(into staging: String) throws(SpoolscanError) -> [String] {
        let fetcher = ResumableDownload(timeout: timeout)
        var fetched: [String] = []
        func get(_ location: String, _ relative: String) throws(SpoolscanError) {
            if try fetcher.fetch(try Self.url(location), to: "\(staging)/\(relative)") { fetched.append(relative) }
        }
        if let osv = sources.osv {
            for ecosystem in Ecosystem.allCases {
                try get(Self.join(osv, Self.encoded(ecosystem.rawValue) + "/all.zip"), "\(ecosystem.rawValue)/all.zip")
            }
        }
        if let index = sources.alpineSecdb {
            for branch in try alpineBranches(index: index, staging: staging) {
                for file in AlpineSecdbIndex.files {
                    try get(Self.join(index, "\(branch)/\(file)"), "alpine-secdb/\(branch)/\(file)")
                }
            }
        }
        if let tracker = sources.debianTracker {
            try get(tracker, "debian-tracker.json")
        }
        guard !fetched.isEmpty else {
            throw SpoolscanError(.dbDownload, "no feeds found at \(sources.osv ?? "-"), \(sources.alpineSecdb ?? "-"), \(sources.debianTracker ?? "-")")
        }
        return fetched
    }

    /// The `v3.N` branches the secdb index page lists (none when it is not there).
    private func alpineBranches(index: String, staging: String) throws(SpoolscanError) -> [String] {
        let page = "\(staging)/.alpine-secdb-index.html"
        defer { unlink(page) }
        guard try ResumableDownload(timeout: timeout).fetch(try Self.url(index), to: page) else { return [] }
        guard let data = FileManager.default.contents(atPath: page) else { return [] }
        let branches = AlpineSecdbIndex.branches(inHTML: String(decoding: data, as: UTF8.self))
        guard !branches.isEmpty else {
            throw SpoolscanError(.dbDownload, "\(index): the index page lists no v3.N branches")
        }
        return branches
    }

    static func url(_ text: String) throws(SpoolscanError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw SpoolscanError(.dbDownload, "invalid URL \(text)")
        }
        return url
    }

    static func join(_ base: String, _ relative: String) -> String {
        base.hasSuffix("/") ? base + relative : base + "/" + relative
    }

    static func encoded(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? segment
    }
}
