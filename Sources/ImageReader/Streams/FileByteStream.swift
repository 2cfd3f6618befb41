#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SpoolscanCore

/// A stream that can pass over bytes without reading them (libarchive skips member data
/// through it when nothing needs the bytes).
protocol SkippableByteStream: ByteStream {
    /// Moves `count` bytes ahead; returns how many were skipped (0 when it cannot).
    func skip(_ count: Int64) -> Int64
}

/// Reads a file from disk in 1 MiB chunks with `read(2)`.
final class FileByteStream: ByteStream, SkippableByteStream {
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

    /// Seeks ahead (chunks already returned are behind the file offset), never past the end.
    func skip(_ count: Int64) -> Int64 {
        let here = lseek(descriptor, 0, SEEK_CUR)
        guard here >= 0, count > 0 else { return 0 }
        let step = min(count, max(0, fileSize - Int64(here)))
        return lseek(descriptor, off_t(step), SEEK_CUR) >= 0 ? step : 0
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
