import Foundation

/// The one safe way spoolscan replaces a file: write a temporary file with a unique name in the
/// same folder (`O_CREAT|O_EXCL`, never following or reusing anything there), fsync it, rename it
/// over the target (or, `exclusive`, link it so an existing target is never replaced), then
/// fsync the folder so the rename survives a power loss.
public enum AtomicFile {
    /// A failed step: the call, the path and `errno`.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let operation: String
        public let path: String
        public let code: Int32
        public var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Writes `data` to `path` atomically. `durable: false` skips the fsyncs (scratch state
    /// only). With `exclusive`, `EEXIST` is thrown when `path` exists.
    public static func write(_ data: Data, to path: String, permissions: mode_t = 0o644, durable: Bool = true,
                             exclusive: Bool = false) throws(Failure) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        var base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        if base.utf8.count > 200 { base = String(decoding: base.utf8.prefix(200), as: UTF8.self) }
        // `.NAME.PID.RANDOM.tmp`: recovery removes those whose writer died.
        let temporary = "\(folder)/.\(base).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions)
        guard fd >= 0 else { throw Failure(operation: "open", path: temporary, code: errno) }
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
        var operation = "write"
        if failure == 0 {
            if exclusive {
                if link(temporary, path) != 0 { failure = errno; operation = "link" }
            } else if rename(temporary, path) != 0 {
                failure = errno
                operation = "rename"
            }
        }
        if exclusive || failure != 0 { unlink(temporary) }
        if failure != 0 { throw Failure(operation: operation, path: path, code: failure) }
        if durable { try syncFolder(folder) }
    }

    /// fsyncs a folder, making renames and links in it durable.
    public static func syncFolder(_ path: String) throws(Failure) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        if fsync(fd) != 0 && errno != EINVAL { throw Failure(operation: "fsync", path: path, code: errno) }
    }
}
