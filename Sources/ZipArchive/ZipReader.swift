import CArchive

/// Walks the regular entries of a zip archive with libarchive, from a file (streamed, never
/// unpacked to disk) or from bytes in memory, reading the data of the entries the caller asks
/// for, each up to a cap. Serves the advisory importer (OSV `all.zip`) and the Java cataloguer
/// (jars, nested jars).
public enum ZipReader {
    /// What the caller wants from an entry, by its path.
    public enum Want: Sendable { case skip, read(cap: Int), stop }

    /// An entry's data as read.
    public struct EntryData: Sendable {
        public var bytes: [UInt8]
        /// False when the entry held more than the cap (the bytes are then a prefix).
        public var complete: Bool
    }

    /// A zip that libarchive could not read, or one with more entries than allowed.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Walks the zip file at `path`. `body` returns false to stop the walk.
    public static func walk(path: String, maxEntries: Int = .max, want: (String) -> Want,
                            body: (String, EntryData) -> Bool) throws(ReadError) {
        guard let archive = archive_read_new() else { throw ReadError(description: "archive_read_new failed") }
        defer { archive_read_free(archive) }
        archive_read_support_format_zip(archive)
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            throw ReadError(description: message(archive))
        }
        try walkOpened(archive, maxEntries: maxEntries, want: want, body: body)
    }

    /// Walks a zip held in memory. `body` returns false to stop the walk.
    public static func walk(_ bytes: [UInt8], maxEntries: Int = .max, want: (String) -> Want,
                            body: (String, EntryData) -> Bool) throws(ReadError) {
        guard let archive = archive_read_new() else { throw ReadError(description: "archive_read_new failed") }
        defer { archive_read_free(archive) }
        archive_read_support_format_zip(archive)
        let result: Result<Void, ReadError> = bytes.withUnsafeBytes { raw in
            guard archive_read_open_memory(archive, raw.baseAddress, raw.count) == ARCHIVE_OK else {
                return .failure(ReadError(description: message(archive)))
            }
            do throws(ReadError) {
                try walkOpened(archive, maxEntries: maxEntries, want: want, body: body)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
    }

    private static func walkOpened(_ archive: OpaquePointer, maxEntries: Int, want: (String) -> Want,
                                   body: (String, EntryData) -> Bool) throws(ReadError) {
        var entry: OpaquePointer?
        var seen = 0
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let status = archive_read_next_header(archive, &entry)
            if status == ARCHIVE_EOF { return }
            guard status >= ARCHIVE_WARN, let entry else { throw ReadError(description: message(archive)) }
            seen += 1
            guard seen <= maxEntries else { throw ReadError(description: "more than \(maxEntries) entries") }
            guard archive_entry_filetype(entry) == 0o100000 /* AE_IFREG */, let cPath = archive_entry_pathname(entry) else { continue }
            let path = String(cString: cPath)
            switch want(path) {
            case .skip: continue
            case .stop: return
            case .read(let cap):
                var data = EntryData(bytes: [], complete: true)
                let size = archive_entry_size(entry)
                if size > 0 { data.bytes.reserveCapacity(Int(min(size, Int64(cap)))) }
                while true {
                    let count = chunk.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                    if count < 0 { throw ReadError(description: "\(path): \(message(archive))") }
                    if count == 0 { break }
                    if data.bytes.count + count > cap {
                        data.complete = false
                        break
                    }
                    data.bytes.append(contentsOf: chunk[0..<count])
                }
                guard body(path, data) else { return }
            }
        }
    }

    private static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unreadable zip"
    }
}
