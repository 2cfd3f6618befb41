import CArchive

/// Compresses a byte buffer with gzip or zstd through libarchive's raw writer.
public enum ByteCompressor {
    /// `bytes` compressed with `filter` (returned unchanged for `.none`).
    public static func compress(_ bytes: [UInt8], with filter: TarWriter.Filter) throws -> [UInt8] {
        guard filter != .none else { return bytes }
        guard let handle = archive_write_new() else { throw TestSupportError("archive_write_new failed") }
        defer { archive_write_free(handle) }
        let output = ArchiveOutput(.memory)
        archive_write_set_format_raw(handle)
        if filter == .gzip { archive_write_add_filter_gzip(handle) } else { archive_write_add_filter_zstd(handle) }
        archive_write_set_bytes_in_last_block(handle, 1)
        guard archive_write_open(handle, Unmanaged.passUnretained(output).toOpaque(), nil, archiveOutputWrite, nil) == ARCHIVE_OK,
              let entry = archive_entry_new() else { throw TestSupportError("cannot open raw writer") }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname(entry, "data")
        archive_entry_set_filetype(entry, 0o100000)
        archive_entry_set_size(entry, la_int64_t(bytes.count))
        guard archive_write_header(handle, entry) == ARCHIVE_OK else { throw TestSupportError("raw writer refused the entry") }
        let written = bytes.withUnsafeBytes { archive_write_data(handle, $0.baseAddress, $0.count) }
        guard written == bytes.count, archive_write_close(handle) == ARCHIVE_OK else {
            throw TestSupportError("raw writer failed: \(archive_error_string(handle).map { String(cString: $0) } ?? "")")
        }
        return output.bytes
    }
}
