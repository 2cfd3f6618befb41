#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpoolscanCore

/// Reads a file from disk in 1 MiB chunks with `read(2)`.
final class FileByteStream: ByteStream {
    private let descriptor: Int32
    private let buffer: UnsafeMutableRawBufferPointer
    private let path: String
    /// Size reported by `fstat` when the file was opened.
    let fileSize: Int64

    /// Opens `path` for reading. Throws `SCAN-014` when it cannot be opened or is not a regular file.
    init(path: String) throws(SpoolscanError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw SpoolscanError(.unreadable, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw SpoolscanError(.unreadable, "\(path) is not a regular file")
        }
        descriptor = fd
        fileSize = Int64(info.st_size)
        self.path = path
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer {
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return UnsafeRawBufferPointer(rebasing: buffer[0..<count]) }
            if errno == EINTR { continue }
            throw SpoolscanError(.unreadable, "reading \(path): \(String(cString: strerror(errno)))")
        }
    }
}
