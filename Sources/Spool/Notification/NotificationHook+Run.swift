import Foundation
import SpoolscanCore

extension NotificationHook {
    /// Runs the hook for one notice: spawn, wait with a timeout, kill the process group on expiry.
    static func execute(_ notice: JobNotice, _ configuration: NotificationHookConfiguration) async -> HookOutcome {
        let started = Timestamp.monotonicNs()
        func outcome(_ result: HookOutcome.Result, _ detail: String, stderr: String = "") -> HookOutcome {
            HookOutcome(job: notice.name, result: result, detail: detail, stderrLastLine: stderr,
                        durationMs: Int((Timestamp.monotonicNs() - started) / 1_000_000))
        }
        let program = configuration.command[0]
        guard resolveExecutable(program) != nil else {
            return outcome(.notStarted, "\(program): not found or not executable")
        }
        do { try FileOps.makeDirectory(configuration.stderrFolder) } catch {
            return outcome(.notStarted, "\(error)")
        }
        let stderrPath = "\(configuration.stderrFolder)/.notify-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).stderr"
        defer { FileOps.remove(stderrPath) }
        // env(1) sets the variables and execs the command: `env -- NAME=VALUE… PROGRAM ARGS…`.
        let assignments = notice.environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let pid: pid_t
        do {
            pid = try await ChildProcess.spawn(envLauncher, ["--"] + assignments + configuration.command,
                                         stderrPath: stderrPath, lockFD: nil)
        } catch {
            return outcome(.notStarted, error.detail)
        }

        let finished = ReapedFlag()
        let watchdog = Task {
            do { try await Task.sleep(for: .seconds(configuration.timeoutSeconds)) } catch { return }
            guard finished.markTimedOut() else { return }
            ChildProcess.signalGroup(pid, SIGTERM)
            do { try await Task.sleep(for: .seconds(configuration.killGraceSeconds)) } catch { return }
            if !finished.isReaped { ChildProcess.signalGroup(pid, SIGKILL) }
        }
        let status = await ChildProcess.wait(pid)
        let timedOut = finished.markReaped()
        watchdog.cancel()
        if timedOut {
            // Children the hook left behind in its group (a backgrounded curl) go too.
            ChildProcess.signalGroup(pid, SIGKILL)
        }
        let stderr = lastLine(stderrPath)
        if timedOut {
            return outcome(.timedOut, "timed out after \(formatSeconds(configuration.timeoutSeconds)) s", stderr: stderr)
        }
        if status == .exited(0) { return outcome(.succeeded, status.text, stderr: stderr) }
        return outcome(.failed, status.text, stderr: stderr)
    }

    /// The absolute path `program` runs as: itself when it holds a slash, else the first
    /// executable match in `PATH`; nil when there is none.
    static func resolveExecutable(_ program: String) -> String? {
        func isExecutable(_ path: String) -> Bool {
            guard let info = FileOps.stat(path), info.isRegular else { return false }
            return access(path, X_OK) == 0
        }
        if program.contains("/") { return isExecutable(program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + program
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// The last non-empty line of a file's last 4 KiB, at most 300 characters.
    static func lastLine(_ path: String) -> String {
        guard let data = FileOps.readChunk(path, limit: 4096) else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        return String(line.prefix(300))
    }

    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// Whether a hook's process was reaped or timed out first; only one of the two wins.
final class ReapedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var reaped = false
    private var timedOut = false

    /// Marks the process reaped; returns whether the timeout fired before.
    func markReaped() -> Bool { lock.withLock { reaped = true; return timedOut } }

    /// Marks the timeout; returns false when the process was already reaped (nothing to kill).
    func markTimedOut() -> Bool { lock.withLock { if reaped { return false }; timedOut = true; return true } }

    var isReaped: Bool { lock.withLock { reaped } }
}
