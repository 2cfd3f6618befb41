import Foundation
import SpoolscanCore

/// A condition that did not stop the scan but limits what the report can claim
/// (a package file that could not be read, a stale or missing database, …).
/// Every warning carries a code from the error table.
public struct ReportWarning: Codable, Sendable, Hashable, CustomStringConvertible {
    /// The code, e.g. `DB-004`.
    public var code: String
    /// What happened, in words; does not repeat the code.
    public var message: String

    public init(_ code: ErrorCode, _ message: String) { self.code = code.code; self.message = message }

    public var description: String { "\(code): \(message)" }

    private enum CodingKeys: String, CodingKey { case code, message }

    /// Reads the object form, and also the plain strings of 1.0 reports (`"DB-004: …"`, or an
    /// uncoded cataloguer line), so the nightly rematch keeps working on older reports.
    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = ReportWarning(legacy: text)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        message = try container.decode(String.self, forKey: .message)
    }

    init(legacy text: String) {
        if let colon = text.firstIndex(of: ":"), let code = ErrorCode.named(String(text[..<colon])) {
            self.init(code, text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        } else if text.hasPrefix("no advisory database") {
            self = .noDatabase   // the same fact as today's warning, so it is never said twice
        } else {
            self.init(.packageFileSkipped, text)
        }
    }
}

extension Array where Element == ReportWarning {
    /// Adds `warning` unless the same code and message are already there: each is said once.
    public mutating func add(_ warning: ReportWarning) {
        if !contains(warning) { append(warning) }
    }

    /// Replaces every warning with `warning`'s code by `warning`: for facts a report states at
    /// most once (no database, stale database), whatever wording an older run used.
    public mutating func set(_ warning: ReportWarning) {
        removeAll { $0.code == warning.code }
        append(warning)
    }

    /// Removes every warning with `code`.
    public mutating func remove(code: ErrorCode) { removeAll { $0.code == code.code } }
}

extension ReportWarning {
    /// No advisory database was given or found: the report holds no vulnerability findings, and
    /// a later `rematch` fills them in.
    public static let noDatabase = ReportWarning(.vulnerabilitiesNotMatched,
                                                 "no advisory database: vulnerabilities were not matched")
}
