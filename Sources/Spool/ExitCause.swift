import Foundation
import SpoolscanCore

/// How a scanner process ended, as far as the queue cares.
enum WaitStatus: Sendable, Equatable {
    case exited(Int32)
    case signaled(Int32)

    init(raw status: Int32) {
        if status & 0x7f == 0 { self = .exited((status >> 8) & 0xff) } else { self = .signaled(status & 0x7f) }
    }

    var text: String {
        switch self {
        case .exited(let code): "exit \(code)"
        case .signaled(let signal): "signal \(signal) (\(String(cString: strsignal(signal))))"
        }
    }
}

/// Why one attempt ended, and what happens to the job next.
///
/// Out-of-memory rule: the scanner is considered out of memory when it was killed by SIGKILL that
/// the pool did not send (the kernel OOM killer or a cgroup `MemoryMax=`), or when its stderr
/// tail holds an allocation-failure message (Swift's "Could not allocate memory", glibc/C++
/// "Cannot allocate memory", "out of memory", "bad_alloc", "memory exhausted"), which is how an
/// RLIMIT_AS failure shows.
enum ExitCause: Sendable, Equatable {
    case success
    case badInput(code: String, message: String)
    case timedOut(seconds: Int)
    case crashed(String)
    case outOfMemory(String)
    case diskFull(String)
    case reportFailed(String)
    case interrupted
    case shutdown

    /// The label stored in attempt records.
    var label: String {
        switch self {
        case .success: "success"
        case .badInput: "bad-input"
        case .timedOut: "timeout"
        case .crashed: "crashed"
        case .outOfMemory: "out-of-memory"
        case .diskFull: "disk-full"
        case .reportFailed: "report-failed"
        case .interrupted: "interrupted"
        case .shutdown: "shutdown"
        }
    }

    /// The code for this cause (nil on success).
    var code: String? {
        switch self {
        case .success: nil
        case .badInput(let code, _): code
        case .timedOut: ErrorCode.scanTimeout.code
        case .crashed: ErrorCode.scannerCrashed.code
        case .outOfMemory: ErrorCode.outOfMemory.code
        case .diskFull: ErrorCode.diskFull.code
        case .reportFailed: ErrorCode.handlerSendStatus.code
        case .interrupted: ErrorCode.retriesExhausted.code
        case .shutdown: nil
        }
    }

    var detail: String {
        switch self {
        case .success: "report written"
        case .badInput(let code, let message): "\(code): \(message)"
        case .timedOut(let seconds): "\(ErrorCode.scanTimeout.summary) after \(seconds) s"
        case .crashed(let text), .outOfMemory(let text), .diskFull(let text), .reportFailed(let text): text
        case .interrupted: "the worker stopped while the scan ran"
        case .shutdown: "stopped by shutdown"
        }
    }

    /// Whether the job goes back to the queue (if attempts remain).
    var isRetryable: Bool {
        switch self {
        case .success, .badInput: false
        default: true
        }
    }

    static let allocationFailures = [
        "could not allocate memory", "cannot allocate memory", "out of memory", "bad_alloc", "memory exhausted",
    ]

    /// Classifies a finished scanner. `firstLine` is the first stderr line, `tail` the last 4 KiB.
    static func classify(_ status: WaitStatus, timedOut: Bool, timeoutSeconds: Int, stoppedByShutdown: Bool,
                         firstLine: String, tail: String) -> ExitCause {
        if stoppedByShutdown { return .shutdown }
        if timedOut { return .timedOut(seconds: timeoutSeconds) }
        let lowerTail = tail.lowercased()
        switch status {
        case .exited(0):
            return .success
        case .exited(2):
            if let (code, message) = parseInputError(firstLine) { return .badInput(code: code, message: message) }
            return .crashed("exit 2 without a SCAN code on stderr")
        case .signaled(SIGKILL):
            return .outOfMemory("killed by SIGKILL not sent by the pool (OOM killer or memory limit)")
        default:
            if allocationFailures.contains(where: lowerTail.contains) {
                return .outOfMemory("\(status.text) after an allocation failure")
            }
            return .crashed(status.text)
        }
    }

    /// Parses `SCAN-003: truncated or corrupt archive` into its code and message.
    static func parseInputError(_ line: String) -> (String, String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let match = trimmed.range(of: #"^SCAN-[0-9]{3}"#, options: .regularExpression) else { return nil }
        let code = String(trimmed[match])
        var rest = trimmed[match.upperBound...]
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        let message = rest.trimmingCharacters(in: .whitespaces)
        return (code, message.isEmpty ? (ErrorCode.named(code)?.summary ?? "bad input") : message)
    }
}
