import ArgumentParser
import Foundation
import SpoolscanCore

/// The exit statuses of `spoolscan scan` (README, "Exit status"), and the entry point that keeps
/// every command to them: ArgumentParser's usage status 64 and uncaught errors become 3.
enum ExitStatus {
    /// The report passed its policy.
    static let pass: Int32 = 0
    /// The report failed its policy.
    static let policyFail: Int32 = 1
    /// The artifact is bad (`SCAN-*` codes of category artifact).
    static let badArtifact: Int32 = 2
    /// Any other error: usage, configuration (`POL-*`, `CONF-*`), database, host.
    static let otherError: Int32 = 3

    /// The status for an error that ended a command: an explicit ``ArgumentParser/ExitCode``
    /// keeps its value (except the usage status 64), help and version requests are 0, anything
    /// else (usage errors included) is ``otherError``.
    static func status(for error: Error, success: Bool) -> Int32 {
        if let code = error as? ExitCode { return code.rawValue == ExitCode.validationFailure.rawValue ? otherError : code.rawValue }
        return success ? pass : otherError
    }
}

extension SpoolscanCommand {
    /// Parses and runs the command, printing errors as one coded line each (a usage error from
    /// the parser is `CONF-001`, followed by its usage text; an error no code was given for is
    /// `CONF-099`) with ``ExitStatus`` statuses; an
    /// unknown subcommand gets a "did you mean" line.
    static func main() {
        if let message = UnknownSubcommand.message(for: Array(CommandLine.arguments.dropFirst()), root: Self.self) {
            ErrorLine.write(line: usageLine(message))
            Foundation.exit(ExitStatus.otherError)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
            Foundation.exit(ExitStatus.pass)
        } catch let error as SpoolscanError {
            ErrorLine.write(error)
            Foundation.exit(ExitStatus.otherError)
        } catch {
            let success = exitCode(for: error) == .success
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if success {
                    print(message)
                } else if exitCode(for: error) == .validationFailure {
                    FileHandle.standardError.write(Data((usageLine(message) + "\n").utf8))
                } else {
                    ErrorLine.write(error)
                }
            }
            Foundation.exit(ExitStatus.status(for: error, success: success))
        }
    }

    /// The parser's `Error: …` message with the code of a usage error in front instead.
    static func usageLine(_ message: String) -> String {
        let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
        return "\(ErrorCode.configInvalid): \(text)"
    }
}
