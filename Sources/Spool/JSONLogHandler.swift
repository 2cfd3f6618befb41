import Foundation
import SpoolscanCore
import Logging

/// A swift-log handler writing one JSON object per line to stderr, for log shippers:
/// `{"ts":"…","level":"info","label":"spoolscan","msg":"claimed","job":"a.tar",…}`.
/// Metadata values are written as strings; never file contents.
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
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            fields[key] = "\(value)"
        }
        fields["ts"] = Timestamp.rfc3339(ns: Timestamp.nowNs())
        fields["level"] = event.level.rawValue
        fields["label"] = label
        fields["msg"] = event.message.description
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return }
        sink(String(decoding: data, as: UTF8.self) + "\n")
    }
}
