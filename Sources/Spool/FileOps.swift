import CSystemShims
import Foundation
import SpoolscanCore

/// What `lstat` says about one file, reduced to what the spool needs.
struct FileStat: Sendable, Equatable {
    var inode: UInt64
    var size: Int64
    var mtimeNs: Int64
    var linkCount: UInt64
    var device: UInt64
    var isRegular: Bool
    var isDirectory: Bool
    /// What kind of file it is, for diagnostics (`regular file`, `directory`, `symbolic link`, …).
    var kind: String = "regular file"
}

/// One directory entry.
struct DirectoryEntry: Sendable {
    var name: String
    var inode: UInt64
}

/// Small wrappers over the system calls the spool uses. Each throws a ``SpoolscanError`` (built
/// from the failed call by ``SystemCallError/spoolscanError``: `ENOSPC` is `HNDL-007`, `EXDEV`
/// `HNDL-009`); the outcomes callers branch on (a name taken, a file gone) are results, not errors.
enum FileOps {
    /// How ``renameNoReplace(_:_:)`` ended, when it did not fail.
    enum RenameOutcome: Sendable, Equatable {
        case renamed
        /// `from` is gone (another process took it): ENOENT.
        case sourceGone
        /// `to` exists: EEXIST.
        case targetExists
    }

    static func lstat(_ path: String) -> FileStat? {
        var st = Glibc.stat()
        guard SpoolName.withCString(path, { Glibc.lstat($0, &st) }) == 0 else { return nil }
        return FileStat(st)
    }

    /// Like ``lstat(_:)`` but follows symlinks (for the spool's folders, which may be links).
    static func stat(_ path: String) -> FileStat? {
        var st = Glibc.stat()
        guard SpoolName.withCString(path, { fstatat(AT_FDCWD, $0, &st, 0) }) == 0 else { return nil }
        return FileStat(st)
    }
}

extension FileStat {
    init(_ st: Glibc.stat) {
        self.init(
            inode: UInt64(st.st_ino), size: Int64(st.st_size),
            mtimeNs: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
            linkCount: UInt64(st.st_nlink), device: UInt64(st.st_dev),
            isRegular: (st.st_mode & S_IFMT) == S_IFREG, isDirectory: (st.st_mode & S_IFMT) == S_IFDIR,
            kind: Self.kindName(st.st_mode & S_IFMT))
    }

    static func kindName(_ type: mode_t) -> String {
        switch type {
        case S_IFREG: "regular file"
        case S_IFDIR: "directory"
        case S_IFLNK: "symbolic link"
        case S_IFIFO: "FIFO"
        case S_IFSOCK: "socket"
        case S_IFCHR: "character device"
        case S_IFBLK: "block device"
        default: "file of unknown type"
        }
    }
}

extension FileOps {
    /// Lists a directory without following anything; `.` and `..` are left out.
    static func list(_ directory: String) throws(SpoolscanError) -> [DirectoryEntry] {
        guard let dir = SpoolName.withCString(directory, { opendir($0) }) else {
            throw SystemCallError("opendir", directory).spoolscanError
        }
        defer { closedir(dir) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(dir) {
            // Names are bytes: kept losslessly (see ``SpoolName``), never repaired.
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: UInt8.self, capacity: 256) { pointer in
                    SpoolName.string(UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == "." || name == ".." { continue }
            entries.append(DirectoryEntry(name: name, inode: UInt64(entry.pointee.d_ino)))
        }
        return entries
    }

    /// Writes `data` to `path` atomically (``AtomicFile``: unique temporary file, fsync, rename,
    /// fsync of the folder). With `durable`, the write survives a power loss. With `exclusive`,
    /// the file is linked into place instead, and false is returned if `path` exists.
    @discardableResult
    static func write(_ data: Data, to path: String, durable: Bool, exclusive: Bool = false) throws(SpoolscanError) -> Bool {
        do {
            try AtomicFile.write(data, to: path, permissions: 0o600, durable: durable, exclusive: exclusive)
            return true
        } catch {
            if exclusive && error.code == EEXIST { return false }
            throw SystemCallError(error.operation, error.path, error.code).spoolscanError
        }
    }

    /// fsyncs a directory, making renames and links in it durable.
    static func syncDirectory(_ path: String) throws(SpoolscanError) {
        do {
            try AtomicFile.syncFolder(path)
        } catch {
            throw SystemCallError(error.operation, error.path, error.code).spoolscanError
        }
    }

    /// Renames without ever replacing an existing target (``RenameOutcome/targetExists``), or
    /// finds `from` gone (``RenameOutcome/sourceGone``: another process took it). Falls back to
    /// link+unlink where the filesystem has no `RENAME_NOREPLACE`.
    static func renameNoReplace(_ from: String, _ to: String) throws(SpoolscanError) -> RenameOutcome {
        let result = SpoolName.withCString(from) { source in
            SpoolName.withCString(to) { spool_rename_noreplace(source, $0) }
        }
        if result == 0 { return .renamed }
        var code = errno
        var operation = "rename"
        if code == EINVAL || code == ENOSYS {
            if linkPaths(from, to) == 0 {
                if SpoolName.withCString(from, { Glibc.unlink($0) }) == 0 { return .renamed }
                throw SystemCallError("unlink", from).spoolscanError
            }
            code = errno
            operation = "link"
        }
        switch code {
        case ENOENT: return .sourceGone
        case EEXIST: return .targetExists
        default: throw SystemCallError(operation, "\(from) -> \(to)", code).spoolscanError
        }
    }

    /// `link(2)` as an exclusive create: false when `to` exists (EEXIST).
    static func link(_ from: String, _ to: String) throws(SpoolscanError) -> Bool {
        if linkPaths(from, to) == 0 { return true }
        let code = errno
        if code == EEXIST { return false }
        throw SystemCallError("link", "\(from) -> \(to)", code).spoolscanError
    }

    /// `link(2)` on byte names (never following a symlink: the link itself is linked).
    private static func linkPaths(_ from: String, _ to: String) -> Int32 {
        SpoolName.withCString(from) { source in SpoolName.withCString(to) { Glibc.link(source, $0) } }
    }

    /// Removes a file; a missing file is not an error.
    static func remove(_ path: String) {
        _ = SpoolName.withCString(path) { Glibc.unlink($0) }
    }

    /// Removes a folder and everything in it (one level of files, as work folders have).
    static func removeTree(_ path: String) {
        if let entries = try? list(path) {
            for entry in entries { remove("\(path)/\(entry.name)") }
        }
        _ = SpoolName.withCString(path) { rmdir($0) }
    }

    static func makeDirectory(_ path: String) throws(SpoolscanError) {
        if SpoolName.withCString(path, { mkdir($0, 0o755) }) != 0 && errno != EEXIST {
            throw SystemCallError("mkdir", path).spoolscanError
        }
    }

    /// Reads up to `limit` bytes from the end (or, with `fromStart`, the start) of a file.
    static func readChunk(_ path: String, limit: Int, fromStart: Bool = false) -> Data? {
        let fd = SpoolName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd() else { return nil }
        let start = fromStart ? 0 : (end > UInt64(limit) ? end - UInt64(limit) : 0)
        try? handle.seek(toOffset: start)
        return try? handle.read(upToCount: limit)
    }

    /// Reads a whole (small) file.
    static func read(_ path: String) -> Data? {
        let fd = SpoolName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { try? handle.close() }
        return try? handle.readToEnd() ?? Data()
    }
}

extension FileOps {
    /// Whether this process may hard-link `path` into `done/` or `error/`. With the kernel's
    /// `fs.protected_hardlinks` (Debian's default) a process may link only a file it owns or can
    /// read and write: a producer's `0644` file, dropped by another user, cannot be linked.
    static func mayHardLink(_ path: String) -> Bool {
        if geteuid() == 0 { return true }
        var st = Glibc.stat()
        guard SpoolName.withCString(path, { Glibc.lstat($0, &st) }) == 0 else { return true }
        return st.st_uid == geteuid() || SpoolName.withCString(path, { access($0, R_OK | W_OK) }) == 0
    }

    /// Gives `path` (one of several hard links of a file) a copy of its own: the content is
    /// copied into `scratch` (same filesystem), fsynced, given the original's mtime, and swapped
    /// in for `path` atomically (`RENAME_EXCHANGE`) only if `path` still is that file. Returns the
    /// copy's stat, or nil when `path` changed meanwhile (it is then left alone).
    static func breakHardLink(_ path: String, _ original: FileStat, scratch: String) throws(SpoolscanError) -> FileStat? {
        let source = SpoolName.withCString(path) { open($0, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK) }
        guard source >= 0 else { throw SystemCallError("open", path).spoolscanError }
        defer { close(source) }
        var st = Glibc.stat()
        guard fstat(source, &st) == 0, UInt64(st.st_ino) == original.inode else { return nil }
        let copy = "\(scratch)/.copy-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let target = open(copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard target >= 0 else { throw SystemCallError("open", copy).spoolscanError }
        var failure: Int32 = 0
        while true {
            let copied = spool_copy_file_range(source, target, 1 << 30)
            if copied > 0 { continue }
            if copied == 0 { break }
            if errno == EINTR { continue }
            failure = errno
            break
        }
        if failure == 0 {
            var times = [st.st_atim, st.st_mtim]
            if futimens(target, &times) != 0 || fsync(target) != 0 { failure = errno }
        }
        close(target)
        guard failure == 0 else { remove(copy); throw SystemCallError("copy", path, failure).spoolscanError }
        let swapped = SpoolName.withCString(path) { spool_rename_exchange(copy, $0) }
        guard swapped == 0 else { let code = errno; remove(copy); throw SystemCallError("rename", path, code).spoolscanError }
        // `copy` now names what was at `path`: the original link if nothing changed meanwhile.
        if lstat(copy)?.inode != original.inode {
            _ = SpoolName.withCString(path) { spool_rename_exchange(copy, $0) }
            remove(copy)
            return nil
        }
        remove(copy)
        try syncDirectory((path as NSString).deletingLastPathComponent)
        return lstat(path)
    }
}
