import Foundation

/// Finds orphaned scanners by the job lock they hold: a scanner gets its job's lock as fd 3, so
/// one whose worker died before its pid was recorded can still be found through `/proc/PID/fd/3`.
/// Worker processes (`spoolscan watch` / `sweep`) are never returned.
enum LockHolders {
    /// Pids (not this process, not a worker) whose fd 3 is `path`.
    static func scanners(holding path: String) -> [pid_t] {
        let me = getpid()
        var holders: [pid_t] = []
        for process in (try? FileOps.list("/proc")) ?? [] {
            guard let pid = pid_t(process.name), pid != me, link("/proc/\(pid)/fd/3") == path, !isWorker(pid)
            else { continue }
            holders.append(pid)
        }
        return holders
    }

    /// Kills the process groups of the orphaned scanners holding `path`; returns their pids.
    static func killScanners(holding path: String) -> [pid_t] {
        let holders = scanners(holding: path)
        for pid in holders {
            let group = getpgid(pid)
            if group > 1 && group != getpgrp() { ChildProcess.signalGroup(group, SIGKILL) } else { kill(pid, SIGKILL) }
        }
        return holders
    }

    /// Whether the process is a spool worker (its first argument is `watch` or `sweep`).
    private static func isWorker(_ pid: pid_t) -> Bool {
        guard let data = FileOps.read("/proc/\(pid)/cmdline") else { return true }
        let arguments = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
        return arguments.count > 1 && ["watch", "sweep"].contains(arguments[1])
    }

    private static func link(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
