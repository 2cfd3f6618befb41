import Foundation
import SpoolscanCore
import Logging

/// A swift-log handler writing one JSON object per line to stderr, for log shippers:
/// `{"attempt":1,"job":"a.tar","label":"spoolscan","level":"info","msg":"scanned","scan_ms":412,"ts":"…"}`.
///
/// Metadata keeps its type: a `.stringConvertible` integer or floating-point value is written as a
/// JSON number, a `Bool` as `true`/`false`, a dictionary as an object and an array as an array;
/// `.string` values (names, codes, messages) are always JSON strings, so a job named `123` stays
/// text. Never file contents.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let sink: @Sendable (String) -> Void

    /// A handler that writes to stderr.
    public init(label: String) {
        self.init(label: label) { line in
            var bytes = Array(line.utf8)
            _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
        }
    }

    /// A handler that hands each line (with its newline) to `sink` (tests).
    public init(label: String, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.sink = sink
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [String: Any] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = Self.json(value)
        }
        fields["ts"] = Timestamp.rfc3339(ns: Timestamp.nowNs())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["msg"] = event.message.description
        guard let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        sink(String(decoding: data, as: UTF8.self) + "\n")
    }

    /// A metadata value as a JSONSerialization value of its own type (see the type's notes).
    static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text):
            return text
        case .stringConvertible(let item):
            switch item {
            case let flag as Bool: return flag
            case let number as Int: return number
            case let number as Int64: return number
            case let number as Int32: return Int(number)
            case let number as UInt64: return number
            case let number as UInt32: return UInt64(number)
            case let number as UInt: return UInt64(number)
            case let number as Double where number.isFinite: return number
            case let number as Float where number.isFinite: return Double(number)
            default: return item.description
            }
        case .dictionary(let dictionary):
            return dictionary.mapValues(json)
        case .array(let items):
            return items.map(json)
        }
    }
}
