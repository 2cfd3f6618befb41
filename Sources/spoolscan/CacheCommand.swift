import ArgumentParser
import Foundation
import ImageScanner
import LayerCache
import ScanReport
import SpoolscanCore

/// `spoolscan cache`: look into and trim the layer cache.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or trim the layer cache (analyses of layers already scanned, keyed by diffID).",
        subcommands: [CacheInfoCommand.self, CachePruneCommand.self])
}

/// `--cache`, `--no-cache`, `--cache-max-mb`: shared by `scan`, `watch`, `sweep` and `cache`.
struct LayerCacheOptions: ParsableArguments {
    @Option(name: .customLong("cache"), help: ArgumentHelp(
        "Layer cache file (default: $SPOOLSCAN_CACHE, else layer-cache.db beside the default advisory database).",
        discussion: "SPOOLSCAN_CACHE=off turns the cache off.", valueName: "path"))
    var path: String?

    @Flag(name: .customLong("no-cache"), help: "Read every layer afresh; do not read or write the layer cache.")
    var disabled = false

    @Option(name: .customLong("cache-max-mb"), help: "Bound on the layer cache's stored analyses in MiB; least recently used ones are evicted past it.")
    var givenMaxMegabytes: Int?

    /// `--cache-max-mb`, else the default.
    var maxMegabytes: Int { givenMaxMegabytes ?? LayerCacheSettings.defaultMaxMegabytes }

    func validate() throws {
        guard maxMegabytes >= 0 else { throw ValidationError("--cache-max-mb must not be negative") }
    }

    /// The cache a scan uses, or nil when it is off.
    var settings: LayerCacheSettings? {
        LayerCacheSettings.resolve(given: path, disabled: disabled, maxMegabytes: maxMegabytes)
    }

    /// The flags of a spool's scanner processes for the resolved `cache` and `cache_max_mb`
    /// settings (`off`: no cache). They get a scrubbed environment, so they are given the path itself.
    static func scannerArguments(path: String?, maxMegabytes: Int?) -> [String] {
        let megabytes = maxMegabytes ?? LayerCacheSettings.defaultMaxMegabytes
        let disabled = path.map { ["off", "none"].contains($0.lowercased()) } ?? false
        guard let settings = LayerCacheSettings.resolve(given: path, disabled: disabled, maxMegabytes: megabytes) else {
            return ["--no-cache"]
        }
        return ["--cache", settings.path, "--cache-max-mb", String(megabytes)]
    }

    /// The store for `cache info` / `prune`; nil (with a message) when there is no cache file.
    func openExisting() throws -> LayerCacheStore? {
        guard let settings else { throw ValidationError("--no-cache leaves no cache to look at") }
        guard FileManager.default.fileExists(atPath: settings.path) else {
            print("no layer cache at \(settings.path)")
            return nil
        }
        do {
            return try LayerCacheStore(path: settings.path, maxBytes: settings.maxBytes)
        } catch {
            ErrorLine.write(SpoolscanError(.layerCacheUnusable, error.message))
            throw ExitCode(1)
        }
    }
}

/// `spoolscan cache info`.
struct CacheInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show what the layer cache holds and its size.")

    @OptionGroup var cache: LayerCacheOptions

    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        guard let store = try cache.openExisting() else { return }
        let info: LayerCacheInfo
        do { info = try store.info() } catch { throw Self.fail(error) }
        if json {
            FileHandle.standardOutput.write(try ReportCodec.encode(info))
            return
        }
        print("cache:     \(info.path)")
        print("analyses:  \(info.analyses) layers (\(info.analysers) analyser keys), \(info.blobs) blob digests")
        print("size:      \(Self.mebibytes(info.analysisBytes)) of \(Self.mebibytes(info.maxBytes)) allowed; file \(Self.mebibytes(info.fileBytes))")
        if let oldest = info.oldestUse, let newest = info.newestUse {
            print("last used: \(Self.date(oldest)) (least recent) to \(Self.date(newest))")
        }
    }

    static func mebibytes(_ bytes: Int64) -> String { String(format: "%.1f MiB", Double(bytes) / 1_048_576) }

    static func date(_ milliseconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    static func fail(_ error: LayerCacheError) -> ExitCode {
        ErrorLine.write(SpoolscanError(.layerCacheUnusable, error.message))
        return ExitCode(1)
    }
}

/// `spoolscan cache prune`.
struct CachePruneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Evict least recently used layer analyses down to a size (--cache-max-mb, or --all).")

    @OptionGroup var cache: LayerCacheOptions

    @Flag(help: "Remove every analysis.")
    var all = false

    func run() throws {
        guard let store = try cache.openExisting() else { return }
        do {
            let removed = try store.prune(downTo: all ? 0 : store.maxBytes)
            try store.checkpoint()
            let info = try store.info()
            print("removed \(removed) analyses; \(info.analyses) left, \(CacheInfoCommand.mebibytes(info.analysisBytes))")
        } catch {
            throw CacheInfoCommand.fail(error)
        }
    }
}
