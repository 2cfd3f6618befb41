import Foundation
import SpoolscanCore

/// Tracks the uncompressed bytes one artifact has cost so far and enforces the
/// decompression limits of ``ScanLimits`` (`SCAN-009`). Charged from the reading thread and
/// from a layer's decompressing thread, so its count is locked.
final class ReadBudget: @unchecked Sendable {
    let limits: ScanLimits
    /// Uncompressed layer bytes read so far, over all layers.
    private(set) var totalBytes: Int64 = 0
    private let lock = NSLock()

    init(limits: ScanLimits) { self.limits = limits }

    /// Charges `count` uncompressed bytes; throws once the artifact's total passes `maxTotalBytes`.
    func charge(_ count: Int64, label: String) throws(SpoolscanError) {
        let total = lock.withLock {
            totalBytes += count
            return totalBytes
        }
        if total > limits.maxTotalBytes {
            throw SpoolscanError(.decompressionBomb,
                                 "\(label): more than \(limits.maxTotalBytes) uncompressed bytes in total")
        }
    }

    /// Checks one compressed stream's expansion once it has produced more than `ratioFloorBytes`.
    func checkRatio(compressed: Int64, expanded: Int64, label: String) throws(SpoolscanError) {
        guard expanded > limits.ratioFloorBytes else { return }
        if expanded / max(compressed, 1) > limits.maxCompressionRatio {
            throw SpoolscanError(.decompressionBomb,
                                 "\(label): \(compressed) compressed bytes expand past \(expanded) (ratio over \(limits.maxCompressionRatio):1)")
        }
    }
}
