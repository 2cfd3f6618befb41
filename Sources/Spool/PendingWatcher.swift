import CInotify
import Foundation
import SpoolscanCore

/// Watches `pending/` with inotify (IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE) on a dedicated
/// thread and hands copied events to Swift concurrency through an `AsyncStream`.
///
/// The descriptor is opened with `inotify_init1(IN_CLOEXEC)`, so scanners never inherit it.
/// Events are read straight from the kernel (the event layout of `<sys/inotify.h>`); names are
/// copied as bytes (``SpoolName``).
enum PendingWatcher {
    static let mask = UInt32(IN_MOVED_TO) | UInt32(IN_CLOSE_WRITE) | UInt32(IN_CREATE)

    /// Sets the watch (before returning, so a listing made afterwards misses nothing) and starts
    /// the reading thread.
    static func start(folder: String) throws(SpoolscanError) -> AsyncStream<PendingEvent> {
        let fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else {
            throw SpoolscanError(.spoolInvalid, "inotify: \(String(cString: strerror(errno)))")
        }
        guard SpoolName.withCString(folder, { inotify_add_watch(fd, $0, mask) }) >= 0 else {
            let code = errno
            close(fd)
            throw SpoolscanError(.spoolInvalid, "inotify watch on \(folder): \(String(cString: strerror(code)))")
        }
        let (stream, continuation) = AsyncStream.makeStream(of: PendingEvent.self, bufferingPolicy: .unbounded)
        let thread = Thread {
            readEvents(fd, into: continuation)
        }
        thread.name = "inotify"
        thread.start()
        return stream
    }

    /// The reading loop; runs on its own thread for the life of the process.
    private static func readEvents(_ fd: Int32, into continuation: AsyncStream<PendingEvent>.Continuation) {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(fd, buffer, size)
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                continuation.yield(PendingEvent(kind: .overflow, name: ""))
                usleep(100_000)
                continue
            }
            for event in parse(UnsafeRawBufferPointer(start: buffer, count: count)) { continuation.yield(event) }
        }
    }

    /// The events in one `read()` of an inotify descriptor.
    static func parse(_ bytes: UnsafeRawBufferPointer) -> [PendingEvent] {
        var events: [PendingEvent] = []
        let header = MemoryLayout<inotify_event>.size
        var offset = 0
        while offset + header <= bytes.count {
            let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            let length = Int(event.len)
            defer { offset += header + length }
            if event.mask & UInt32(IN_Q_OVERFLOW) != 0 || event.wd < 0 {
                events.append(PendingEvent(kind: .overflow, name: ""))
                continue
            }
            // Directories too: the worker moves them to error/ (HNDL-010).
            guard length > 0, offset + header + length <= bytes.count else { continue }
            let field = bytes[(offset + header)..<(offset + header + length)]
            let name = field.prefix { $0 != 0 }
            guard !name.isEmpty else { continue }
            let kind: PendingEvent.Kind = event.mask & UInt32(IN_MOVED_TO) != 0 ? .movedIn : .written
            events.append(PendingEvent(kind: kind, name: SpoolName.string(name)))
        }
        return events
    }
}
