#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CArchive

/// Writes tar archives with libarchive's writer, to a file or into memory, optionally
/// through a gzip or zstd filter.
///
/// ```swift
/// let tar = try TarWriter(format: .pax, filter: .gzip)
/// try tar.add(.file("etc/os-release", "ID=alpine\n"))
/// try tar.add(.symlink("bin/sh", to: "busybox"))
/// let bytes = try tar.finishBytes()
/// ```
public final class TarWriter {
    /// The tar header dialect.
    public enum Format: Sendable {
        /// POSIX ustar: paths up to 100 (+155 prefix) bytes.
        case ustar
        /// POSIX pax: long paths and large sizes in extended headers (what docker writes).
        case pax
        /// GNU tar: long paths in `././@LongLink` entries.
        case gnu
    }

    /// A compression filter applied to the whole output.
    public enum Filter: Sendable {
        case none, gzip, zstd
    }

    private let handle: OpaquePointer
    private let output: ArchiveOutput
    private let descriptor: Int32?
    private var finished = false
    private static let chunkSize = 1 << 20

    /// A writer that keeps its output in memory (read it with ``finishBytes()``).
    public convenience init(format: Format = .pax, filter: Filter = .none) throws {
        try self.init(output: ArchiveOutput(.memory), descriptor: nil, format: format, filter: filter)
    }

    /// A writer that creates (or truncates) the file at `path`.
    public convenience init(path: String, format: Format = .pax, filter: Filter = .none) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TestSupportError("cannot create \(path): \(String(cString: strerror(errno)))") }
        try self.init(output: ArchiveOutput(.file(fd)), descriptor: fd, format: format, filter: filter)
    }

    /// A writer whose output is only hashed (see ``finishDigest()``).
    static func digestOnly(format: Format) throws -> TarWriter {
        try TarWriter(output: ArchiveOutput(.digestOnly), descriptor: nil, format: format, filter: .none)
    }

    private init(output: ArchiveOutput, descriptor: Int32?, format: Format, filter: Filter) throws {
        guard let archive = archive_write_new() else { throw TestSupportError("archive_write_new failed") }
        handle = archive
        self.output = output
        self.descriptor = descriptor
        switch format {
        case .ustar: archive_write_set_format_ustar(handle)
        case .pax: archive_write_set_format_pax_restricted(handle)
        case .gnu: archive_write_set_format_gnutar(handle)
        }
        switch filter {
        case .none: break
        case .gzip: archive_write_add_filter_gzip(handle)
        case .zstd: archive_write_add_filter_zstd(handle)
        }
        // Pad only to whole 512-byte records, as docker and most builders do.
        archive_write_set_bytes_in_last_block(handle, 1)
        let status = archive_write_open(handle, Unmanaged.passUnretained(output).toOpaque(), nil, archiveOutputWrite, nil)
        try check(status, "open")
    }

    deinit {
        archive_write_free(handle)
        if let descriptor { close(descriptor) }
    }

    /// Appends `files` in order.
    public func add(_ files: [TestFile]) throws {
        for file in files { try add(file) }
    }

    /// Appends one entry (and its bytes, for a regular file).
    public func add(_ file: TestFile) throws {
        guard let entry = archive_entry_new() else { throw TestSupportError("archive_entry_new failed") }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname_utf8(entry, file.path)
        archive_entry_set_perm(entry, mode_t(file.mode & 0o7777))
        archive_entry_set_uid(entry, la_int64_t(file.uid))
        archive_entry_set_gid(entry, la_int64_t(file.gid))
        archive_entry_set_mtime(entry, 1_700_000_000, 0)
        var content: TestFile.Content?
        switch file.kind {
        case .regular(let body):
            archive_entry_set_filetype(entry, 0o100000)
            archive_entry_set_size(entry, la_int64_t(body.size))
            if case .sparse(_, let regions) = body {
                for region in regions {
                    archive_entry_sparse_add_entry(entry, la_int64_t(region.offset), la_int64_t(region.bytes.count))
                }
            }
            content = body
        case .directory:
            archive_entry_set_filetype(entry, 0o040000)
        case .symlink(let target):
            archive_entry_set_filetype(entry, 0o120000)
            archive_entry_set_symlink_utf8(entry, target)
        case .hardlink(let target):
            archive_entry_set_filetype(entry, 0o100000)
            archive_entry_set_hardlink_utf8(entry, target)
            archive_entry_set_size(entry, 0)
        case .fifo:
            archive_entry_set_filetype(entry, 0o010000)
        case .characterDevice(let major, let minor):
            archive_entry_set_filetype(entry, 0o020000)
            archive_entry_set_rdevmajor(entry, dev_t(major))
            archive_entry_set_rdevminor(entry, dev_t(minor))
        }
        try check(archive_write_header(handle, entry), "header for \(file.path.prefix(80))")
        if let content { try writeContent(content, path: file.path) }
    }

    /// Appends a regular file (mode 0644) holding `bytes`.
    public func addFile(_ path: String, bytes: [UInt8], mode: UInt32 = 0o644) throws {
        try add(.file(path, bytes: bytes, mode: mode))
    }

    private func writeContent(_ content: TestFile.Content, path: String) throws {
        switch content {
        case .bytes(let bytes):
            var offset = 0
            while offset < bytes.count {
                let end = min(bytes.count, offset + Self.chunkSize)
                try bytes[offset..<end].withUnsafeBytes { try writeData($0, path: path) }
                offset = end
            }
        case .sparse(let size, let regions):
            // libarchive's writer takes the logical content and drops the holes itself.
            var logical = [UInt8](repeating: 0, count: Int(size))
            for region in regions {
                logical.replaceSubrange(Int(region.offset)..<Int(region.offset) + region.bytes.count, with: region.bytes)
            }
            try writeContent(.bytes(logical), path: path)
        case .repeating(let byte, let count):
            let chunk = [UInt8](repeating: byte, count: Int(min(count, Int64(Self.chunkSize))))
            var remaining = count
            while remaining > 0 {
                let length = Int(min(remaining, Int64(chunk.count)))
                try chunk[0..<length].withUnsafeBytes { try writeData($0, path: path) }
                remaining -= Int64(length)
            }
        }
    }

    private func writeData(_ bytes: UnsafeRawBufferPointer, path: String) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        let written = archive_write_data(handle, base, bytes.count)
        if written < 0 { try check(Int32(written), "data of \(path.prefix(80))") }
    }

    /// Writes the end-of-archive records and flushes the filter. Call once.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        try check(archive_write_close(handle), "close")
        if let failure = output.failure { throw TestSupportError("writing: \(failure)") }
    }

    /// Finishes and returns the archive's bytes (for a writer made with ``init(format:filter:)``).
    public func finishBytes() throws -> [UInt8] {
        try finish()
        return output.bytes
    }

    /// Finishes and returns `sha256:<hex>` of everything written.
    public func finishDigest() throws -> String {
        try finish()
        return "sha256:" + output.hasher.finalizeHex()
    }

    /// The bytes of a tar holding `files`.
    public static func bytes(_ files: [TestFile], format: Format = .pax, filter: Filter = .none) throws -> [UInt8] {
        let writer = try TarWriter(format: format, filter: filter)
        try writer.add(files)
        return try writer.finishBytes()
    }

    private func check(_ status: Int32, _ what: String) throws {
        guard status != ARCHIVE_OK else { return }
        let message = archive_error_string(handle).map { String(cString: $0) } ?? "status \(status)"
        if status == ARCHIVE_WARN { return }
        throw TestSupportError("libarchive \(what): \(message)")
    }
}
