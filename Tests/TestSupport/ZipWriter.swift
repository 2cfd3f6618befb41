import CArchive

/// Writes zip archives (deflate) in memory with libarchive's writer, for jar and OSV `all.zip`
/// test inputs.
public enum ZipWriter {
    /// A zip archive holding `files` in order.
    public static func zip(_ files: [(String, [UInt8])]) -> [UInt8] {
        let archive = archive_write_new()!
        defer { archive_write_free(archive) }
        archive_write_set_format_zip(archive)
        let capacity = files.reduce(1 << 16) { $0 + $1.1.count + 512 }
        var buffer = [UInt8](repeating: 0, count: capacity)
        var used = 0
        buffer.withUnsafeMutableBytes { raw in
            _ = archive_write_open_memory(archive, raw.baseAddress, raw.count, &used)
            for (path, bytes) in files {
                let entry = archive_entry_new()!
                archive_entry_set_pathname(entry, path)
                archive_entry_set_filetype(entry, 0o100000)
                archive_entry_set_perm(entry, 0o644)
                archive_entry_set_size(entry, Int64(bytes.count))
                archive_write_header(archive, entry)
                bytes.withUnsafeBytes { _ = archive_write_data(archive, $0.baseAddress, $0.count) }
                archive_entry_free(entry)
            }
            archive_write_close(archive)
        }
        return Array(buffer[0..<used])
    }
}
