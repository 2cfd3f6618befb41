import Foundation
import SpoolscanCore

/// Reads and writes reports as JSON: pretty-printed, keys sorted, slashes unescaped, so
/// reports diff cleanly and tools can rely on stable output.
public enum ReportCodec {
    /// Encodes a report (or any part of one).
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0a)
        return data
    }

    /// Decodes a report.
    public static func decode<T: Decodable>(_ type: T.Type = Report.self, from data: Data) throws -> T {
        try JSONDecoder().decode(type, from: data)
    }

    /// Writes `data` to `path` atomically: a temporary file in the same folder, fsync, rename,
    /// fsync of the folder. Readers see the old file or the new one, never a partial one.
    public static func writeAtomically(_ data: Data, to path: String) throws {
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw POSIXError(POSIXErrorCode(rawValue: error.code) ?? .EIO)
        }
    }
}
