/// Observed durations counted into buckets with fixed upper bounds (seconds).
public struct DurationHistogram: Sendable, Equatable {
    /// Upper bounds, ascending; the implicit last bucket is `+Inf`.
    public let bounds: [Double]
    /// Observations per bucket (not cumulative): `bucketCounts[i]` counts values in
    /// `(bounds[i-1], bounds[i]]`; values above the last bound are only in ``count``.
    public private(set) var bucketCounts: [Int]
    public private(set) var sum: Double = 0
    public private(set) var count = 0

    /// Scan durations: a small image scans in about a second, the spool's default timeout is 600 s.
    public static let scanDurationBounds: [Double] = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800]

    public init(bounds: [Double] = DurationHistogram.scanDurationBounds) {
        let sorted = Array(Set(bounds.filter(\.isFinite))).sorted()
        self.bounds = sorted
        bucketCounts = Array(repeating: 0, count: sorted.count)
    }

    public mutating func observe(_ seconds: Double) {
        guard seconds.isFinite, seconds >= 0 else { return }
        if let index = bounds.firstIndex(where: { seconds <= $0 }) { bucketCounts[index] += 1 }
        sum += seconds
        count += 1
    }
}
