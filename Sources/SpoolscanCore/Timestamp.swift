import Foundation

/// Time in the forms spoolscan writes: RFC 3339 UTC text (reports, databases, job records) and
/// raw clock readings (receipts, durations). The one helper every module uses.
public enum Timestamp {
    /// Nanoseconds since the Unix epoch (CLOCK_REALTIME).
    public static func nowNs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// Monotonic nanoseconds (CLOCK_MONOTONIC), for durations and timeouts.
    public static func monotonicNs() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    /// RFC 3339 UTC with milliseconds, e.g. `2026-11-27T00:12:03.456Z` (spool receipts and attempts).
    public static func rfc3339(ns: Int64) -> String {
        var seconds = time_t(ns / 1_000_000_000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int((ns % 1_000_000_000) / 1_000_000)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), millis)
    }

    /// RFC 3339 UTC in whole seconds, e.g. `2026-11-27T00:12:03Z` (report creation, database builds).
    public static func string(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
                      Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Now, in whole seconds.
    public static func now() -> String { string(Date()) }

    /// Reads RFC 3339 text, with or without fractional seconds; nil when it is not one.
    public static func parse(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// The day of an RFC 3339 date (`2024-05-01T12:34:56.789Z` → 2024-05-01 00:00 UTC), which
    /// also reads the fractional seconds and offsets OSV records use.
    public static func parseDay(_ text: String) -> Date? {
        guard text.count >= 10 else { return nil }
        return try? Date.ISO8601FormatStyle().year().month().day().parse(String(text.prefix(10)))
    }
}
