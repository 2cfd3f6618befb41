import CInotify
import Foundation

/// What `lstat` says about one file, reduced to what the spool needs.
struct FileStat: Sendable, Equatable {
    var inode: UInt64
    var size: Int64
    var mtimeNs: Int64
    var linkCount: UInt64
    var device: UInt64
    var isRegular: Bool
    var isDirectory: Bool
}

/// One directory entry.
struct DirectoryEntry: Sendable {
    var name: String
    var inode: UInt64
}

/// Small wrappers over the system calls the spool uses; every one throws ``SystemCallError``.
enum FileOps {
    static func lstat(_ path: String) -> FileStat? {
        var st = Glibc.stat()
        guard Glibc.lstat(path, &st) == 0 else { return nil }
        return FileStat(st)
    }

    /// Like ``lstat(_:)`` but follows symlinks (for the spool's folders, which may be links).
    static func stat(_ path: String) -> FileStat? {
        var st = Glibc.stat()
        guard fstatat(AT_FDCWD, path, &st, 0) == 0 else { return nil }
        return FileStat(st)
    }
}

extension FileStat {
    init(_ st: Glibc.stat) {
        self.init(
            inode: UInt64(st.st_ino), size: Int64(st.st_size),
            mtimeNs: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
            linkCount: UInt64(st.st_nlink), device: UInt64(st.st_dev),
            isRegular: (st.st_mode & S_IFMT) == S_IFREG, isDirectory: (st.st_mode & S_IFMT) == S_IFDIR)
    }
}

extension FileOps {
    /// Lists a directory without following anything; `.` and `..` are left out.
    static func list(_ directory: String) throws -> [DirectoryEntry] {
        guard let dir = opendir(directory) else { throw SystemCallError("opendir", directory) }
        defer { closedir(dir) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            entries.append(DirectoryEntry(name: name, inode: UInt64(entry.pointee.d_ino)))
        }
        return entries
    }

    /// Writes `data` to `path` atomically (temporary file in the same folder, then rename).
    /// With `durable`, the file and the folder are fsynced so the write survives a power loss.
    /// With `exclusive`, the file is linked into place instead and EEXIST is thrown if `path` exists.
    static func write(_ data: Data, to path: String, durable: Bool, exclusive: Bool = false) throws {
        let folder = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        let temporary = "\(folder)/.\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemCallError("open", temporary) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += written
            }
        }
        if failure == 0 && durable && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 {
            if exclusive {
                if Glibc.link(temporary, path) != 0 { failure = errno }
                unlink(temporary)
            } else if rename(temporary, path) != 0 {
                failure = errno
            }
        }
        if failure != 0 {
            unlink(temporary)
            throw SystemCallError("write", path, failure)
        }
        if durable { try syncDirectory(folder) }
    }

    /// fsyncs a directory, making renames and links in it durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("open", path) }
        defer { close(fd) }
        if fsync(fd) != 0 && errno != EINVAL { throw SystemCallError("fsync", path) }
    }

    /// Renames without ever replacing an existing target: `EEXIST` if `to` exists, `ENOENT` if
    /// `from` is gone (another process took it). Falls back to link+unlink where the filesystem
    /// has no `RENAME_NOREPLACE`.
    static func renameNoReplace(_ from: String, _ to: String) throws {
        if spool_rename_noreplace(from, to) == 0 { return }
        let code = errno
        guard code == EINVAL || code == ENOSYS else { throw SystemCallError("rename", "\(from) -> \(to)", code) }
        guard Glibc.link(from, to) == 0 else { throw SystemCallError("link", "\(from) -> \(to)") }
        guard Glibc.unlink(from) == 0 else { throw SystemCallError("unlink", from) }
    }

    /// `link(2)`: fails with `EEXIST` when `to` exists, which makes it an exclusive create.
    static func link(_ from: String, _ to: String) throws {
        guard Glibc.link(from, to) == 0 else { throw SystemCallError("link", "\(from) -> \(to)") }
    }

    /// Removes a file; a missing file is not an error.
    static func remove(_ path: String) {
        _ = Glibc.unlink(path)
    }

    /// Removes a folder and everything in it (one level of files, as work folders have).
    static func removeTree(_ path: String) {
        if let entries = try? list(path) {
            for entry in entries { _ = Glibc.unlink("\(path)/\(entry.name)") }
        }
        _ = rmdir(path)
    }

    static func makeDirectory(_ path: String) throws {
        if mkdir(path, 0o755) != 0 && errno != EEXIST { throw SystemCallError("mkdir", path) }
    }

    /// Reads up to `limit` bytes from the end (or, with `fromStart`, the start) of a file.
    static func readChunk(_ path: String, limit: Int, fromStart: Bool = false) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        let start = fromStart ? 0 : (end > UInt64(limit) ? end - UInt64(limit) : 0)
        try? handle.seek(toOffset: start)
        return try? handle.read(upToCount: limit)
    }

    /// Reads a whole (small) file.
    static func read(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }
}
