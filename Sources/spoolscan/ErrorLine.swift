import ArgumentParser
import Foundation
import Spool
import SpoolscanCore

/// How every command prints an error: one line on stderr that starts with its code from the
/// table, `CODE-NNN: summary: detail`, with the code written once.
enum ErrorLine {
    /// Prints `error` in its coded form (see ``coded(_:)``).
    static func write(_ error: any Error) {
        write(line: coded(error).description)
    }

    /// Prints one line (a newline inside it is written as a space, so the line stays one).
    static func write(line: String) {
        let single = line.replacingOccurrences(of: "\n", with: " ")
        FileHandle.standardError.write(Data((single + "\n").utf8))
    }

    /// Prints a failure a library reported as text: when the text holds a code of the table
    /// (`PATH: DB-002: advisory database unreadable: …`), that code leads the line and is not
    /// repeated; otherwise `fallback` does.
    static func write(failure text: String, fallback: ErrorCode) {
        guard let code = ErrorCode.all.first(where: { text.contains($0.description) }) else {
            write(SpoolscanError(fallback, text))
            return
        }
        let rest = text.replacingOccurrences(of: code.description + ": ", with: "")
            .replacingOccurrences(of: code.description, with: "")
        write(SpoolscanError(code, rest.hasSuffix(": ") ? String(rest.dropLast(2)) : rest))
    }

    /// The error as a ``SpoolscanError``: a coded error stays as it is, a failed system call
    /// keeps the code the spool gives it, anything else is `CONF-099` (an internal error: every
    /// expected fault has a code of its own).
    static func coded(_ error: any Error) -> SpoolscanError {
        if let error = error as? SpoolscanError { return error }
        if let error = error as? SystemCallError { return error.spoolscanError }
        return SpoolscanError(.internalError, "\(error)")
    }

    /// A message without a leading copy of `code` (`SCAN-001: not a …: x` → `not a …: x`), for
    /// messages that were recorded with their code in front, so the code is printed once.
    static func strip(_ code: String, from message: String) -> String {
        var text = Substring(message)
        while text.hasPrefix(code + ": ") { text = text.dropFirst(code.count + 2) }
        return String(text)
    }

    /// Prints `error` and returns the exit status 1 to throw (the spool and database commands).
    static func fail(_ error: any Error) -> ExitCode {
        write(error)
        return ExitCode(1)
    }
}
