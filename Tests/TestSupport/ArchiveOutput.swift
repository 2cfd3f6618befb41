#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CArchive
import SpoolscanCore

/// Where libarchive's writer puts its bytes: memory, a file, or only a SHA-256.
final class ArchiveOutput {
    enum Target {
        case memory
        case file(Int32)
        case digestOnly
    }

    private let target: Target
    private(set) var bytes: [UInt8] = []
    let hasher = SHA256Hasher()
    var failure: String?

    init(_ target: Target) { self.target = target }

    func receive(_ chunk: UnsafeRawBufferPointer) -> Bool {
        hasher.update(chunk)
        switch target {
        case .memory:
            bytes.append(contentsOf: chunk)
        case .file(let fd):
            var offset = 0
            while offset < chunk.count {
                let written = write(fd, chunk.baseAddress! + offset, chunk.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return false
                }
                offset += written
            }
        case .digestOnly:
            break
        }
        return true
    }
}

/// libarchive's write callback: passes the bytes to the ``ArchiveOutput`` behind `client_data`.
func archiveOutputWrite(_ archive: OpaquePointer?, _ clientData: UnsafeMutableRawPointer?,
                        _ buffer: UnsafeRawPointer?, _ length: Int) -> la_ssize_t {
    guard let clientData else { return -1 }
    let output = Unmanaged<ArchiveOutput>.fromOpaque(clientData).takeUnretainedValue()
    guard length > 0, let buffer else { return 0 }
    return output.receive(UnsafeRawBufferPointer(start: buffer, count: length)) ? la_ssize_t(length) : -1
}
