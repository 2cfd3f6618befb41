import Foundation
import SpoolscanCore

/// One shared-queue daemon per host and spool: `flock` on `.state/hosts/HOST.lock`.
public struct HostLock: Sendable {
    let fd: Int32

    static func acquire(_ layout: SpoolLayout, host: String) throws -> HostLock {
        let folder = "\(layout.state)/hosts"
        try FileOps.makeDirectory(folder)
        let safe = String(host.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "_" })
        let path = "\(folder)/\(safe).lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SystemCallError("open", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw SpoolscanError(.spoolLocked, "another daemon of host \(host) works this spool (\(path))")
        }
        return HostLock(fd: fd)
    }

    func release() { close(fd) }

    /// The hosts whose shared-queue daemon holds its lock on this spool now. The single-host
    /// daemon and `sweep` refuse such a spool: their file-based recovery would take the queue's
    /// running jobs back.
    public static func activeHosts(_ layout: SpoolLayout) -> [String] {
        let folder = "\(layout.state)/hosts"
        return ((try? FileOps.list(folder)) ?? []).compactMap { entry in
            guard entry.name.hasSuffix(".lock") else { return nil }
            let fd = open("\(folder)/\(entry.name)", O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            return flock(fd, LOCK_SH | LOCK_NB) == 0 ? nil : String(entry.name.dropLast(5))
        }.sorted()
    }
}
