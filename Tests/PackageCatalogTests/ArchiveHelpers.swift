import CArchive
import ImageReader
import TestSupport

/// libarchive helpers for tests: zip archives in memory (``ZipWriter``), reading tar(.gz) files.
enum ArchiveHelpers {
    /// A zip archive (deflate) holding `files` in order.
    static func zip(_ files: [(String, [UInt8])]) -> [UInt8] { ZipWriter.zip(files) }

    /// Every entry of a tar file (any compression), as layer entries with regular files' bytes.
    static func readTar(_ path: String) throws -> [(LayerEntry, [UInt8])] {
        let archive = archive_read_new()!
        defer { archive_read_free(archive) }
        archive_read_support_format_tar(archive)
        archive_read_support_filter_all(archive)
        guard archive_read_open_filename(archive, path, 1 << 16) == ARCHIVE_OK else {
            throw FixtureError("cannot open \(path)")
        }
        var out: [(LayerEntry, [UInt8])] = []
        var entry: OpaquePointer?
        while archive_read_next_header(archive, &entry) == ARCHIVE_OK, let entry {
            var path = String(cString: archive_entry_pathname(entry))
            while path.hasPrefix("./") { path.removeFirst(2) }
            while path.hasSuffix("/") { path.removeLast() }
            if path.isEmpty || path == "." { continue }
            let kind: LayerEntry.Kind
            var target: String?
            switch archive_entry_filetype(entry) {
            case 0o100000: kind = archive_entry_hardlink(entry) == nil ? .regular : .hardlink
            case 0o040000: kind = .directory
            case 0o120000: kind = .symlink
            default: kind = .other
            }
            if let link = archive_entry_symlink(entry) { target = String(cString: link) }
            if let link = archive_entry_hardlink(entry) { target = String(cString: link) }
            var bytes: [UInt8] = []
            if kind == .regular {
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let count = chunk.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
                    if count <= 0 { break }
                    bytes.append(contentsOf: chunk[0..<count])
                }
            }
            out.append((LayerEntry(path: path, kind: kind, size: Int64(bytes.count), mode: UInt32(archive_entry_perm(entry)),
                                   linkTarget: target), bytes))
        }
        return out
    }
}
