import Advisories
import Foundation

/// Where a scan keeps its layer cache and how large the cache may grow.
public struct LayerCacheSettings: Sendable, Equatable {
    /// The cache file (SQLite).
    public var path: String
    /// Bound on the stored analyses, in bytes; least recently used ones are evicted past it.
    public var maxBytes: Int64

    /// 1 GiB.
    public static let defaultMaxMegabytes = 1024
    /// The file name used beside the advisory database.
    public static let defaultFileName = "layer-cache.db"

    public init(path: String, maxBytes: Int64 = Int64(defaultMaxMegabytes) << 20) {
        self.path = path
        self.maxBytes = maxBytes
    }

    /// The settings for a command line: none with `disabled` (`--no-cache`); else the path
    /// `given` (`--cache`), else `$SPOOLSCAN_CACHE` (`off` or `none` turns the cache off), else
    /// `layer-cache.db` beside the default advisory database (`/var/lib/spoolscan/` or
    /// `~/.cache/spoolscan/`).
    public static func resolve(given: String?, disabled: Bool, maxMegabytes: Int = defaultMaxMegabytes,
                               environment: [String: String] = ProcessInfo.processInfo.environment) -> LayerCacheSettings? {
        if disabled { return nil }
        let maxBytes = Int64(max(0, maxMegabytes)) << 20
        if let given { return LayerCacheSettings(path: given, maxBytes: maxBytes) }
        if let variable = environment["SPOOLSCAN_CACHE"], !variable.isEmpty {
            if ["off", "none"].contains(variable.lowercased()) { return nil }
            return LayerCacheSettings(path: variable, maxBytes: maxBytes)
        }
        let folder = (AdvisoryDatabase.defaultPath(environment: environment) as NSString).deletingLastPathComponent
        return LayerCacheSettings(path: folder + "/" + defaultFileName, maxBytes: maxBytes)
    }
}
