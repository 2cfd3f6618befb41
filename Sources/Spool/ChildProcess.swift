import CSystemShims
import Foundation
import SpoolscanCore

/// Spawns and reaps scanner processes.
///
/// Each scanner is started with `posix_spawn` in its own process group
/// (`POSIX_SPAWN_SETPGROUP`), default signal dispositions and an empty signal mask, stdin and
/// stdout on `/dev/null`, stderr into a file, every descriptor above 3 closed, and — when given —
/// the job lock on fd 3 so an orphaned scanner keeps its job locked until it dies.
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

    /// util-linux `setpriv`, which sets the parent-death signal before it execs the scanner.
    static let setpriv = "/usr/bin/setpriv"

    /// Starts `executable` (searched in PATH when it has no slash) and returns its pid.
    ///
    /// When `/usr/bin/setpriv` exists the scanner runs as `setpriv --pdeathsig KILL -- …` (it
    /// execs, so the pid is the scanner's): if the worker dies, even by SIGKILL, the kernel kills
    /// the scanner at once instead of leaving it running until the next worker recovers its job.
    /// The parent-death signal follows the thread that spawned, so spawns run on one thread that
    /// lives as long as the process (``SpawnThread``).
    /// Throws `HNDL-003` when the program cannot be started.
    static func spawn(_ executable: String, _ arguments: [String], stderrPath: String,
                      lockFD: Int32?) async throws(SpoolscanError) -> pid_t {
        var program = executable
        var words = arguments
        if access(setpriv, X_OK) == 0 {
            program = setpriv
            words = ["--pdeathsig", "KILL", "--", executable] + arguments
        }
        let (finalProgram, finalWords) = (program, words)
        return try await SpawnThread.shared.run { () throws(SpoolscanError) -> pid_t in
            try spawnNow(finalProgram, finalWords, stderrPath: stderrPath, lockFD: lockFD)
        }
    }

    private static func spawnNow(_ executable: String, _ arguments: [String], stderrPath: String,
                                 lockFD givenLockFD: Int32?) throws(SpoolscanError) -> pid_t {
        // A lock on fd 0-2 (the worker started with a standard stream closed) would be replaced by
        // the stdio actions below: move it out of the way first.
        var lockFD = givenLockFD
        if let fd = givenLockFD, fd < 3 {
            lockFD = fcntl(fd, F_DUPFD_CLOEXEC, 3)
        }
        defer { if let lockFD, lockFD != givenLockFD { close(lockFD) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        SpoolName.withCString(stderrPath) {
            _ = posix_spawn_file_actions_addopen(&actions, 2, $0, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        if let lockFD {
            // dup2 onto fd 3 clears FD_CLOEXEC in the child (also when lockFD is already 3).
            posix_spawn_file_actions_adddup2(&actions, lockFD, 3)
        }
        spool_spawn_closefrom(&actions, lockFD == nil ? 3 : 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF
                                                    | POSIX_SPAWN_SETSIGMASK))

        // Arguments are byte names (an artifact path may not be UTF-8): passed through as bytes.
        let argv = ([executable] + arguments).map { word in SpoolName.withCString(word) { strdup($0) } } + [nil]
        let envp = scrubbedEnvironment().map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw SpoolscanError(.scannerConfigInvalid, SystemCallError("posix_spawn", executable, result).description)
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
