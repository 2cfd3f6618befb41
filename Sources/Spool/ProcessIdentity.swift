import Foundation

/// A process named by its pid and its start time, so a reused pid is not mistaken for it.
public struct ProcessIdentity: Codable, Sendable, Equatable {
    public var pid: Int32
    /// Start time in clock ticks since boot (field 22 of `/proc/PID/stat`).
    public var startTicks: UInt64

    /// This process.
    public static var current: ProcessIdentity {
        let pid = getpid()
        return ProcessIdentity(pid: pid, startTicks: startTicks(of: pid) ?? 0)
    }

    /// Whether the process still runs (and is the same one).
    public var isAlive: Bool {
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        guard let ticks = Self.startTicks(of: pid) else { return false }
        return ticks == startTicks
    }

    static func startTicks(of pid: Int32) -> UInt64? {
        guard let data = FileOps.read("/proc/\(pid)/stat"), let text = String(data: data, encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name: state is field 3, starttime field 22.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return UInt64(fields[19])
    }
}
