import Foundation
import SpoolscanCore

/// How the notification hook is run: the command, its timeout and how many may run at once.
public struct NotificationHookConfiguration: Sendable, Equatable {
    /// The program and its arguments, run without a shell; the notice reaches it only through
    /// its environment.
    public var command: [String]
    /// After this the hook's process group gets SIGTERM, and SIGKILL ``killGraceSeconds`` later.
    public var timeoutSeconds: Double
    public var killGraceSeconds: Double
    /// Hooks running at once; further notices wait in a queue.
    public var maxConcurrent: Int
    /// A notice that finds this many waiting is dropped and logged with `HNDL-020`.
    public var queueLimit: Int
    /// Where each run's stderr is kept while it runs (its last line is logged on failure).
    public var stderrFolder: String

    /// A hook from a command line split like `--scanner-command` (blanks separate words, quotes
    /// group them, no other shell syntax). Throws `CONF-001` for a blank command, a first word
    /// holding `=`, or a timeout or concurrency that is not positive.
    public init(commandLine: String, timeoutSeconds: Double = 30, killGraceSeconds: Double = 2,
                maxConcurrent: Int = 2, queueLimit: Int = 1000,
                stderrFolder: String = NSTemporaryDirectory()) throws {
        let words = ScannerCommand.split(commandLine)
        guard let program = words.first, !program.isEmpty else {
            throw SpoolscanError(.configInvalid, "the notification command is empty")
        }
        guard !program.contains("=") else {
            throw SpoolscanError(.configInvalid, "the notification command's program may not contain '=': \(program)")
        }
        guard timeoutSeconds > 0, killGraceSeconds >= 0, maxConcurrent > 0, queueLimit > 0 else {
            throw SpoolscanError(.configInvalid,
                "the notification timeout, concurrency and queue limit must be positive")
        }
        self.command = words
        self.timeoutSeconds = timeoutSeconds
        self.killGraceSeconds = killGraceSeconds
        self.maxConcurrent = maxConcurrent
        self.queueLimit = queueLimit
        self.stderrFolder = stderrFolder
    }
}
