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
        // A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe) is written in place:
        // renaming a file over it would replace the node itself (as root, /dev/null).
        var status = stat()
        if stat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG, status.st_mode & S_IFMT != S_IFDIR {
            try writeInPlace(data, to: path)
            return
        }
        do {
            try AtomicFile.write(data, to: path)
        } catch {
            throw POSIXError(POSIXErrorCode(rawValue: error.code) ?? .EIO)
        }
    }

    private static func writeInPlace(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        let failure = writeAll(data, to: fd)
        if failure != 0 { throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO) }
    }

    /// Writes all of `data` to `fd`; returns 0 or the errno of the failed write.
    private static func writeAll(_ data: Data, to fd: Int32) -> Int32 {
        data.withUnsafeBytes { buffer -> Int32 in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; return errno }
                offset += written
            }
            return 0
        }
    }
}
