import CArchive
import SpoolscanCore

/// Carries a Swift ``ByteStream`` into libarchive's C read callback (via `client_data`), and
/// keeps the first Swift error so it wins over libarchive's generic message.
final class ArchiveClient {
    let source: ByteStream
    var failure: SpoolscanError?
    init(source: ByteStream) { self.source = source }
}

/// libarchive's read callback: hands libarchive the next chunk of the client's stream.
private func archiveClientRead(_ archive: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?,
                               _ buffer: UnsafeMutablePointer<UnsafeRawPointer?>?) -> la_ssize_t {
    guard let clientData, let buffer else { return la_ssize_t(ARCHIVE_FATAL) }
    let client = Unmanaged<ArchiveClient>.fromOpaque(clientData).takeUnretainedValue()
    if client.failure != nil { return la_ssize_t(ARCHIVE_FATAL) }
    do {
        let chunk = try client.source.nextChunk()
        buffer.pointee = chunk.baseAddress
        return la_ssize_t(chunk.count)
    } catch {
        client.failure = error
        return la_ssize_t(ARCHIVE_FATAL)
    }
}

/// libarchive's skip callback, for sources that can seek: skips `request` bytes unread.
private func archiveClientSkip(_ archive: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?,
                               _ request: la_int64_t) -> la_int64_t {
    guard let clientData else { return 0 }
    let client = Unmanaged<ArchiveClient>.fromOpaque(clientData).takeUnretainedValue()
    guard let seekable = client.source as? SkippableByteStream else { return 0 }
    return la_int64_t(seekable.skip(Int64(request)))
}

/// One libarchive read handle over a ``ByteStream``, configured for exactly one job:
/// reading a tar (no filters), or decompressing a gzip/zstd stream (raw format).
final class LibarchiveReader {
    enum Role {
        /// A tar archive, uncompressed (decompression is a separate stage).
        case tar
        /// A gzip or zstd stream read as one raw entry.
        case decompressor
    }

    private let handle: OpaquePointer
    private let client: ArchiveClient
    let role: Role
    /// True until the first header has been read.
    private(set) var atStart = true
    /// Set when the input was not recognised as the expected format at all.
    private(set) var unrecognizedFormat = false
    /// What the stream is, for error messages (`layer blobs/sha256/ab…`).
    let label: String

    init(source: ByteStream, role: Role, label: String) throws(SpoolscanError) {
        guard let archive = archive_read_new() else {
            throw SpoolscanError(.internalError, "archive_read_new failed")
        }
        handle = archive
        client = ArchiveClient(source: source)
        self.role = role
        self.label = label
        switch role {
        case .tar:
            archive_read_support_format_tar(handle)
        case .decompressor:
            archive_read_support_format_raw(handle)
            archive_read_support_filter_gzip(handle)
            archive_read_support_filter_zstd(handle)
        }
        archive_read_set_read_callback(handle, archiveClientRead)
        if source is SkippableByteStream { archive_read_set_skip_callback(handle, archiveClientSkip) }
        archive_read_set_callback_data(handle, Unmanaged.passUnretained(client).toOpaque())
        let status = archive_read_open1(handle)
        if status != ARCHIVE_OK { throw failure(status) }
    }

    deinit { archive_read_free(handle) }

    /// The next entry, or nil at the end of the archive. The entry lives until the next call.
    func nextHeader() throws(SpoolscanError) -> OpaquePointer? {
        var entry: OpaquePointer?
        let status = archive_read_next_header(handle, &entry)
        defer { atStart = false }
        if status == ARCHIVE_EOF { return nil }
        if status == ARCHIVE_OK || status == ARCHIVE_WARN, let entry { return entry }
        throw failure(status)
    }

    /// The next block of the current entry's data and its offset, or nil at the entry's end.
    func nextBlock() throws(SpoolscanError) -> (bytes: UnsafeRawBufferPointer, offset: Int64)? {
        var pointer: UnsafeRawPointer?
        var size = 0
        var offset: la_int64_t = 0
        let status = archive_read_data_block(handle, &pointer, &size, &offset)
        if status == ARCHIVE_EOF { return nil }
        if status == ARCHIVE_OK || status == ARCHIVE_WARN {
            return (UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : size), Int64(offset))
        }
        throw failure(status)
    }

    /// The code of filter `index` (0 is the one nearest the format), e.g. `ARCHIVE_FILTER_GZIP`.
    func filterCode(_ index: Int32) -> Int32 { archive_filter_code(handle, index) }

    /// Turns a libarchive failure into the error to report: the stream's own Swift error
    /// when one stage below failed, else a code chosen by this reader's role.
    private func failure(_ status: Int32) -> SpoolscanError {
        if let earlier = client.failure { return earlier }
        let message = archive_error_string(handle).map { String(cString: $0) } ?? "libarchive status \(status)"
        if message.hasPrefix("Unrecognized archive format") && atStart { unrecognizedFormat = true }
        let short = String(message.prefix(200))
        switch role {
        case .decompressor:
            return SpoolscanError(.corruptCompression, "\(label): \(short)")
        case .tar:
            if message.contains("Special header too large") || message.contains("Pathname too long") {
                return SpoolscanError(.nameTooLong, "\(label): \(short)")
            }
            return SpoolscanError(unrecognizedFormat ? .notAnImage : .truncated, "\(label): \(short)")
        }
    }
}
