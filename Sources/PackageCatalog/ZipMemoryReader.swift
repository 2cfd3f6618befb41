import CArchive

/// Walks the entries of a zip archive held in memory with libarchive, reading the data of
/// the entries the caller asks for, each up to a cap. One reader per call; not shared.
struct ZipMemoryReader {
    /// What the walk callback wants from an entry.
    enum Want { case skip, read(cap: Int), stop }

    /// An entry's data as read.
    struct EntryData {
        var bytes: [UInt8]
        /// False when the entry held more than the cap (the bytes are a prefix).
        var complete: Bool
    }

    /// A zip that libarchive could not read.
    struct ReadError: Error, CustomStringConvertible { let description: String }

    /// Calls `want` for each regular entry's path and `body` with the data of those it asked
    /// to read. Stops after `maxEntries` entries.
    static func walk(_ bytes: [UInt8], maxEntries: Int, want: (String) -> Want,
                     body: (String, EntryData) -> Void) throws(ReadError) {
        guard let archive = archive_read_new() else { throw ReadError(description: "archive_read_new failed") }
        defer { archive_read_free(archive) }
        archive_read_support_format_zip(archive)
        var failure: ReadError?
        bytes.withUnsafeBytes { raw in
            guard archive_read_open_memory(archive, raw.baseAddress, raw.count) == ARCHIVE_OK else {
                failure = ReadError(description: message(archive))
                return
            }
            var entry: OpaquePointer?
            var seen = 0
            var chunk = [UInt8](repeating: 0, count: 64 << 10)
            while true {
                let status = archive_read_next_header(archive, &entry)
                if status == ARCHIVE_EOF { break }
                guard status >= ARCHIVE_WARN, let entry else {
                    failure = ReadError(description: message(archive))
                    return
                }
                seen += 1
                if seen > maxEntries {
                    failure = ReadError(description: "more than \(maxEntries) entries")
                    return
                }
                guard archive_entry_filetype(entry) == 0o100000, let cPath = archive_entry_pathname(entry) else { continue }
                let path = String(cString: cPath)
                switch want(path) {
                case .skip: continue
                case .stop: return
                case .read(let cap):
                    var data = EntryData(bytes: [], complete: true)
                    while true {
                        let count = chunk.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                        if count < 0 {
                            failure = ReadError(description: "\(path): \(message(archive))")
                            return
                        }
                        if count == 0 { break }
                        if data.bytes.count + count > cap {
                            data.complete = false
                            break
                        }
                        data.bytes.append(contentsOf: chunk[0..<count])
                    }
                    body(path, data)
                }
            }
        }
        if let failure { throw failure }
    }

    private static func message(_ archive: OpaquePointer) -> String {
        archive_error_string(archive).map { String(cString: $0) } ?? "unreadable zip"
    }
}
