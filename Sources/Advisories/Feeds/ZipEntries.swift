import CArchive
import Foundation
import SpoolscanCore

/// Streams the regular files of a zip archive through libarchive, one entry at a time, without
/// unpacking to disk.
enum ZipEntries {
    /// Largest entry read into memory (an OSV record is a few KB; this bounds a hostile archive).
    static let maxEntryBytes = 64 << 20

    /// Calls `body(name, bytes)` for each regular file whose name ends in `suffix`.
    static func forEach(path: String, suffix: String = ".json", _ body: (String, Data) throws -> Void) throws {
        guard let archive = archive_read_new() else { throw SpoolscanError(.internalError, "libarchive: out of memory") }
        defer { archive_read_free(archive) }
        archive_read_support_format_zip(archive)
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            throw SpoolscanError(.dbImportFormat, "\(path): \(errorString(archive))")
        }
        var entry: OpaquePointer?
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let rc = archive_read_next_header(archive, &entry)
            if rc == ARCHIVE_EOF { break }
            guard rc == ARCHIVE_OK || rc == ARCHIVE_WARN, let entry else {
                throw SpoolscanError(.dbImportFormat, "\(path): \(errorString(archive))")
            }
            guard archive_entry_filetype(entry) == 0o100000 /* AE_IFREG */, let cName = archive_entry_pathname(entry) else { continue }
            let name = String(cString: cName)
            guard name.hasSuffix(suffix) else { continue }
            var data = Data()
            data.reserveCapacity(Int(max(0, archive_entry_size(entry))))
            while true {
                let n = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                if n == 0 { break }
                guard n > 0 else { throw SpoolscanError(.dbImportFormat, "\(path): \(name): \(errorString(archive))") }
                data.append(contentsOf: buffer[0..<n])
                guard data.count <= maxEntryBytes else {
                    throw SpoolscanError(.dbImportFormat, "\(path): \(name) larger than \(maxEntryBytes) bytes")
                }
            }
            try body(name, data)
        }
    }

    private static func errorString(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unreadable archive"
    }
}
