import Foundation

/// A `spoolscan watch` (or any program) started for a test with posix_spawn, its output in a
/// log file; signalled and reaped by pid.
final class DaemonProcess: @unchecked Sendable {
    let pid: pid_t
    let log: String
    private var reaped: Int32?

    /// Starts `arguments[0]` with `arguments`, `environment` added to this process's.
    init(_ arguments: [String], log: String, environment: [String: String] = [:]) throws {
        self.log = log
        FileManager.default.createFile(atPath: log, contents: nil)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "SPOOLSCAN_QUEUE")
        for (key, value) in environment { merged[key] = value }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        guard result == 0 else { throw ServerError("cannot start \(arguments[0]): \(result)") }
        self.pid = pid
    }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits for the exit (up to `timeoutSeconds`, then SIGKILL); returns the wait status.
    @discardableResult
    func wait(timeoutSeconds: Double = 60) -> Int32 {
        if let reaped { return reaped }
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Date() > deadline { kill(pid, SIGKILL) }
            usleep(20_000)
        }
        reaped = status
        return status
    }

    /// SIGTERM, then wait.
    @discardableResult
    func stop() -> Int32 {
        signal(SIGTERM)
        return wait()
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    deinit { if reaped == nil { kill(pid, SIGKILL); _ = wait(timeoutSeconds: 5) } }
}
