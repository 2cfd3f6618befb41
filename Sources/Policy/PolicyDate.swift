import Foundation
import SpoolscanCore

/// Dates in policies, VEX documents and advisories: `YYYY-MM-DD` (midnight UTC) or RFC 3339
/// with or without fractional seconds.
enum PolicyDate {
    static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 10 {
            let day = DateFormatter()
            day.locale = Locale(identifier: "en_US_POSIX")
            day.timeZone = TimeZone(identifier: "UTC")
            day.dateFormat = "yyyy-MM-dd"
            return day.date(from: trimmed)
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: trimmed) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: trimmed)
    }

    /// `date` as RFC 3339 UTC without fractional seconds.
    static func format(_ date: Date) -> String { Timestamp.string(date) }
}
