import ArgumentParser
import SpoolscanCore

/// The scan limits as command-line options (defaults from `ScanLimits.standard`).
struct LimitOptions: ParsableArguments {
    @Option(help: "Cap on total uncompressed bytes read from one artifact.")
    var maxTotalBytes: Int64 = ScanLimits.standard.maxTotalBytes

    @Option(help: "Largest accepted expansion ratio of a compressed stream (after 64 MiB).")
    var maxCompressionRatio: Int64 = ScanLimits.standard.maxCompressionRatio

    @Option(help: "Cap on entries in one layer.")
    var maxEntriesPerLayer: Int = ScanLimits.standard.maxEntriesPerLayer

    var scanLimits: ScanLimits {
        var limits = ScanLimits.standard
        limits.maxTotalBytes = maxTotalBytes
        limits.maxCompressionRatio = maxCompressionRatio
        limits.maxEntriesPerLayer = maxEntriesPerLayer
        return limits
    }
}
