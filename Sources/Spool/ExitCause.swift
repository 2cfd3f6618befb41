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

/// Why an attempt ended, as stored in attempt records (`cause`): a Codable enum, so records
/// are read back without parsing text.
public enum ExitKind: String, Codable, Sendable, CaseIterable {
    case success
    /// The artifact is bad (an `artifact` code such as `SCAN-003`): to `error/` at once.
    case badInput = "bad-input"
    case timeout
    case crashed
    case outOfMemory = "out-of-memory"
    case diskFull = "disk-full"
    case reportFailed = "report-failed"
    /// A condition of the host reported by the scanner or the parsing stage (a `host` code):
    /// the job is held and tried again later; the attempt does not count.
    case hostFault = "host-fault"
    /// A setting wrong for every job (a `configuration` code): the worker stops taking jobs.
    case configuration
    /// The worker died while the scan ran.
    case interrupted
    /// Stopped by SIGTERM/SIGINT; not counted.
    case shutdown
}

/// What the worker does with a job after an attempt, decided from the cause's ``ErrorCategory``.
enum Disposition: Sendable, Equatable {
    /// Report written: to `done/`.
    case done
    /// `artifact`: to `error/` at once.
    case fail
    /// `host`: back to `pending/` after a backoff, the attempt not counted.
    case hold
    /// `internal`: back to `pending/` after a backoff, the attempt counted (at most `maxAttempts`).
    case retry
    /// `configuration`: the worker stops taking jobs (the job goes back to `pending/`, not counted).
    case stop
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
    /// The scanner or the parsing stage reported a coded error; its category decides.
    case coded(ErrorCode, message: String)
    case timedOut(seconds: Int)
    case crashed(String)
    case outOfMemory(String)
    case diskFull(String)
    case reportFailed(String)
    case interrupted
    case shutdown

    /// A coded error from anywhere in the spool.
    init(_ error: SpoolscanError) {
        self = error.code == .diskFull ? .diskFull(error.description) : .coded(error.code, message: error.detail)
    }

    /// Rebuilds a cause from an attempt record.
    init(kind: ExitKind, code: String?, detail: String?, timeoutSeconds: Int) {
        let text = detail ?? kind.rawValue
        switch kind {
        case .success: self = .success
        case .badInput, .hostFault, .configuration:
            if let code, let known = ErrorCode.named(code) {
                self = .coded(known, message: text)
            } else {
                self = .crashed(text)
            }
        case .timeout: self = .timedOut(seconds: timeoutSeconds)
        case .crashed: self = .crashed(text)
        case .outOfMemory: self = .outOfMemory(text)
        case .diskFull: self = .diskFull(text)
        case .reportFailed: self = .reportFailed(text)
        case .interrupted: self = .interrupted
        case .shutdown: self = .shutdown
        }
    }

    /// The kind stored in attempt records.
    var kind: ExitKind {
        switch self {
        case .success: .success
        case .coded(let code, _):
            switch code.category {
            case .artifact: .badInput
            case .host: .hostFault
            case .configuration: .configuration
            case .internal: .crashed
            }
        case .timedOut: .timeout
        case .crashed: .crashed
        case .outOfMemory: .outOfMemory
        case .diskFull: .diskFull
        case .reportFailed: .reportFailed
        case .interrupted: .interrupted
        case .shutdown: .shutdown
        }
    }

    /// The label stored in attempt records.
    var label: String { kind.rawValue }

    /// The error code of this cause (nil on success and shutdown).
    var errorCode: ErrorCode? {
        switch self {
        case .success, .shutdown: nil
        case .coded(let code, _): code
        case .timedOut: .scanTimeout
        case .crashed: .scannerCrashed
        case .outOfMemory: .outOfMemory
        case .diskFull: .diskFull
        case .reportFailed: .handlerSendStatus
        case .interrupted: .retriesExhausted
        }
    }

    /// The code text for this cause (nil on success).
    var code: String? { errorCode?.code }

    /// What happens next, decided from the code's category alone. A report that could not be
    /// written for an unknown reason (`reportFailed`) is retried and counted, so it cannot loop.
    var disposition: Disposition {
        switch self {
        case .success: return .done
        case .shutdown: return .hold
        case .interrupted, .reportFailed: return .retry
        default:
            switch errorCode?.category {
            case .artifact: return .fail
            case .host: return .hold
            case .configuration: return .stop
            case .internal, nil: return .retry
            }
        }
    }

    /// Whether the attempt counts against the limit: only scans that failed in a way of their own.
    var isCounted: Bool {
        switch disposition {
        case .retry, .fail, .done: true
        case .hold, .stop: false
        }
    }

    var detail: String {
        switch self {
        case .success: "report written"
        case .coded(let code, let message): "\(code.code): \(message)"
        case .timedOut(let seconds): "\(ErrorCode.scanTimeout.summary) after \(seconds) s"
        case .crashed(let text), .outOfMemory(let text), .diskFull(let text), .reportFailed(let text): text
        case .interrupted: "the worker stopped while the scan ran"
        case .shutdown: "stopped by shutdown"
        }
    }

    static let allocationFailures = [
        "could not allocate memory", "cannot allocate memory", "out of memory", "bad_alloc", "memory exhausted",
    ]

    /// Classifies a finished scanner. `firstLine` is the first stderr line, `tail` the last 4 KiB.
    /// A scanner that exits non-zero with `CODE: message` as its first stderr line (any code of
    /// the table) is judged by that code's category; exit 2 without a code is a crash.
    static func classify(_ status: WaitStatus, timedOut: Bool, timeoutSeconds: Int, stoppedByShutdown: Bool,
                         firstLine: String, tail: String) -> ExitCause {
        if stoppedByShutdown { return .shutdown }
        if timedOut { return .timedOut(seconds: timeoutSeconds) }
        let lowerTail = tail.lowercased()
        switch status {
        case .exited(0):
            return .success
        case .exited(let code):
            if let (errorCode, message) = parseCodedLine(firstLine) {
                // Exit 2 is the scanner's "bad artifact"; only an artifact code is taken as that.
                if code == 2 || errorCode.category != .artifact { return .coded(errorCode, message: message) }
            }
            if code == 2 { return .crashed("exit 2 without a SCAN code on stderr") }
        case .signaled(SIGKILL):
            return .outOfMemory("killed by SIGKILL not sent by the pool (OOM killer or memory limit)")
        case .signaled:
            break
        }
        if allocationFailures.contains(where: lowerTail.contains) {
            return .outOfMemory("\(status.text) after an allocation failure")
        }
        return .crashed(status.text)
    }

    /// Parses `SCAN-003: truncated or corrupt archive` into its code and message (codes of the table only).
    static func parseCodedLine(_ line: String) -> (ErrorCode, String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard let match = trimmed.range(of: #"^[A-Z]+-[0-9]{3}"#, options: .regularExpression),
              let code = ErrorCode.named(String(trimmed[match])) else { return nil }
        var rest = trimmed[match.upperBound...]
        if rest.hasPrefix(":") { rest = rest.dropFirst() }
        let message = rest.trimmingCharacters(in: .whitespaces)
        return (code, message.isEmpty ? code.summary : message)
    }
}
