import CSystemShims
import Foundation
import SpoolscanCore

/// Spawns and reaps scanner processes.
///
/// Each scanner is started in one step (``spool_spawn`` in `CSystemShims`: vfork, then only
/// system calls before the exec) in its own process group, with default signal dispositions and
/// an empty signal mask, SIGKILL as its parent-death signal, the memory limit (`RLIMIT_AS`) when
/// one is given, stdin and stdout on `/dev/null`, stderr into a file, every descriptor above 3
/// closed, and — when given — the job lock on fd 3 so an orphaned scanner keeps its job locked
/// until it dies. No helper program (`setpriv`, `prlimit`) runs in between: each would cost an
/// exec per job.
enum ChildProcess {
    /// Variables passed through to scanners; everything else is dropped: credentials, HOME, and
    /// every `SPOOLSCAN_*` setting (`SPOOLSCAN_DB` above all: vulnerability matching belongs to the
    /// parsing stage, so a bad database can never make a scan fail). A scanner's settings come
    /// only from its command line.
    static let keptEnvironment = ["PATH", "LANG", "LC_ALL", "TZ", "TMPDIR"]

    static func scrubbedEnvironment() -> [String] {
        ProcessInfo.processInfo.environment
            .filter { keptEnvironment.contains($0.key) }
            .map { "\($0.key)=\($0.value)" }
            .sorted()
    }

    /// Starts `executable` (searched in PATH when it has no slash) and returns its pid. Throws
    /// `HNDL-003` when it cannot be started (not found, not executable, no resources).
    ///
    /// If the worker dies, even by SIGKILL, the kernel kills the scanner at once (parent-death
    /// signal) instead of leaving it running until the next worker recovers its job. That
    /// signal follows the thread that spawned, so spawns run on one thread that lives as long as
    /// the process (``SpawnThread``). `memoryLimitBytes` (0: none) becomes the child's `RLIMIT_AS`.
    static func spawn(_ executable: String, _ arguments: [String], stderrPath: String,
                      lockFD: Int32?, memoryLimitBytes: UInt64 = 0) async throws(SpoolscanError) -> pid_t {
        try await SpawnThread.shared.run { () throws(SpoolscanError) -> pid_t in
            try spawnNow(executable, arguments, stderrPath: stderrPath, lockFD: lockFD, memoryLimitBytes: memoryLimitBytes)
        }
    }

    /// Signals a child gets with their default action whatever this process does with them.
    private static let defaultSignals = [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2]

    private static func spawnNow(_ executable: String, _ arguments: [String], stderrPath: String,
                                 lockFD: Int32?, memoryLimitBytes: UInt64) throws(SpoolscanError) -> pid_t {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { throw SpoolscanError(.scannerConfigInvalid, SystemCallError("open", "/dev/null").description) }
        defer { close(null) }
        let stderrFD = SpoolName.withCString(stderrPath) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600) }
        guard stderrFD >= 0 else { throw SystemCallError("open", stderrPath).spoolscanError }
        defer { close(stderrFD) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in defaultSignals { sigaddset(&defaults, signal) }

        // Arguments are byte names (an artifact path may not be UTF-8): passed through as bytes.
        let argv = ([executable] + arguments).map { word in SpoolName.withCString(word) { strdup($0) } } + [nil]
        let envp = scrubbedEnvironment().map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        let pid = SpoolName.withCString(executable) { path in
            spool_spawn(path, argv, envp, null, stderrFD, lockFD ?? -1, memoryLimitBytes, &defaults)
        }
        guard pid > 0 else {
            throw SpoolscanError(.scannerConfigInvalid, SystemCallError("exec", executable, -pid).description)
        }
        return pid
    }

    /// Waits for the process on a dedicated thread (waitpid blocks) and returns how it ended.
    static func wait(_ pid: pid_t) async -> WaitStatus {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 {
                    if errno != EINTR { status = 0x7f00; break }
                }
                continuation.resume(returning: WaitStatus(raw: status))
            }
            thread.name = "scanner-wait-\(pid)"
            thread.start()
        }
    }

    /// Signals the whole process group the scanner leads.
    static func signalGroup(_ pid: pid_t, _ signal: Int32) {
        _ = kill(-pid, signal)
    }
}
