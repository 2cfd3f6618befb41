import CInotify
import Foundation
import SpoolscanCore

/// Watches `pending/` with libinotifytools (IN_MOVED_TO | IN_CLOSE_WRITE | IN_CREATE) on a
/// dedicated thread and hands copied events to Swift concurrency through an `AsyncStream`.
///
/// libinotifytools keeps its state in C globals, so there is one watcher per process. Its
/// descriptor is opened without close-on-exec; ``start(folder:)`` sets FD_CLOEXEC on it so
/// scanners never inherit it.
enum PendingWatcher {
    static let mask = Int32(IN_MOVED_TO) | Int32(IN_CLOSE_WRITE) | Int32(IN_CREATE)

    /// Sets the watch (before returning, so a listing made afterwards misses nothing) and starts
    /// the reading thread.
    static func start(folder: String) throws -> AsyncStream<PendingEvent> {
        guard inotifytools_initialize() != 0 else {
            throw SpoolscanError(.spoolInvalid, "inotify: \(String(cString: strerror(inotifytools_error())))")
        }
        guard inotifytools_watch_file(folder, mask) != 0 else {
            throw SpoolscanError(.spoolInvalid,
                "inotify watch on \(folder): \(String(cString: strerror(inotifytools_error())))")
        }
        markInotifyCloseOnExec()
        let (stream, continuation) = AsyncStream.makeStream(of: PendingEvent.self, bufferingPolicy: .unbounded)
        let thread = Thread {
            readEvents(into: continuation)
        }
        thread.name = "inotify"
        thread.start()
        return stream
    }

    /// The reading loop; runs on its own thread for the life of the process.
    private static func readEvents(into continuation: AsyncStream<PendingEvent>.Continuation) {
        let overflow = UInt32(IN_Q_OVERFLOW)
        let movedTo = UInt32(IN_MOVED_TO)
        while true {
            guard let event = inotifytools_next_event(-1) else {
                continuation.yield(PendingEvent(kind: .overflow, name: ""))
                usleep(100_000)
                continue
            }
            let mask = event.pointee.mask
            if mask & overflow != 0 || event.pointee.wd < 0 {
                continuation.yield(PendingEvent(kind: .overflow, name: ""))
                continue
            }
            // Directories too: the worker moves them to error/ (HNDL-010).
            guard event.pointee.len > 0 else { continue }
            let namePointer = UnsafeRawPointer(event).advanced(by: MemoryLayout<inotify_event>.size)
                .assumingMemoryBound(to: UInt8.self)
            // Copied now (the storage is reused), as bytes: a name need not be UTF-8.
            let name = SpoolName.string(UnsafeBufferPointer(start: namePointer, count: strlen(UnsafeRawPointer(namePointer).assumingMemoryBound(to: CChar.self))))
            continuation.yield(PendingEvent(kind: mask & movedTo != 0 ? .movedIn : .written, name: name))
        }
    }

    /// Finds the inotify descriptor among this process's descriptors and sets FD_CLOEXEC on it.
    static func markInotifyCloseOnExec() {
        for entry in (try? FileOps.list("/proc/self/fd")) ?? [] {
            guard let fd = Int32(entry.name) else { continue }
            var buffer = [CChar](repeating: 0, count: 256)
            let count = readlink("/proc/self/fd/\(entry.name)", &buffer, 255)
            guard count > 0 else { continue }
            let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target == "anon_inode:inotify" {
                _ = fcntl(fd, F_SETFD, fcntl(fd, F_GETFD) | FD_CLOEXEC)
            }
        }
    }
}
