import Foundation
import SpoolscanCore

/// Where the worker reads the time: the system's clocks, or a clock a test moves by hand, so
/// settling and backoff are tested without sleeping.
public protocol SpoolClock: Sendable {
    /// Nanoseconds since the Unix epoch (wall clock: receipts, mtimes, backoff deadlines).
    func nowNs() -> Int64
    /// Monotonic nanoseconds (durations).
    func monotonicNs() -> Int64
}

/// The system's CLOCK_REALTIME and CLOCK_MONOTONIC.
public struct SystemClock: SpoolClock {
    public init() {}
    public func nowNs() -> Int64 { Timestamp.nowNs() }
    public func monotonicNs() -> Int64 { Timestamp.monotonicNs() }
}
