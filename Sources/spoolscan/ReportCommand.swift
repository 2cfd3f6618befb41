import ArgumentParser
import Foundation
import ScanReport
import SpoolscanCore

/// `spoolscan report`: read finished reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show a report for a person, or compare two reports.",
        subcommands: [ReportShowCommand.self, ReportDiffCommand.self]
    )
}

/// Reads and decodes a report file; on failure prints one coded line (`CONF-003` missing,
/// `CONF-009` not a report) and exits 3.
func loadReport(_ path: String) throws -> Report {
    do {
        return try ReportCodec.decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    } catch let error as DecodingError {
        let detail: String
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let at = context.codingPath.map(\.stringValue).joined(separator: ".")
            detail = (at.isEmpty ? "" : "at \(at): ") + context.debugDescription
        @unknown default:
            detail = "\(error)"
        }
        ErrorLine.write(SpoolscanError(.notAReport, "\(path): \(detail)"))
    } catch {
        if !FileManager.default.fileExists(atPath: path) {
            ErrorLine.write(SpoolscanError(.namedFileMissing, "\(path) does not exist"))
        } else {
            ErrorLine.write(SpoolscanError(.notAReport, "cannot read \(path): \(OutputOptions.reason(error))"))
        }
    }
    throw ExitCode(3)
}

/// Whether standard output gets colours: a terminal, and `NO_COLOR` unset.
func terminalStyle() -> TerminalStyle {
    TerminalStyle(enabled: TerminalStyle.colorWanted(isTerminal: isatty(STDOUT_FILENO) != 0,
                                                     environment: ProcessInfo.processInfo.environment))
}
