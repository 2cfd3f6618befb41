import ArgumentParser
import Foundation
import ScanReport

/// `spoolscan report`: read finished reports.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Show a report for a person, or compare two reports.",
        subcommands: [ReportShowCommand.self, ReportDiffCommand.self]
    )
}

/// Reads and decodes a report file; on failure prints `spoolscan: …` and exits 3.
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
        FileHandle.standardError.write(Data("spoolscan: \(path) is not a spoolscan report: \(detail)\n".utf8))
    } catch {
        FileHandle.standardError.write(Data("spoolscan: cannot read \(path): \(error.localizedDescription)\n".utf8))
    }
    throw ExitCode(3)
}

/// Whether standard output gets colours: a terminal, and `NO_COLOR` unset.
func terminalStyle() -> TerminalStyle {
    TerminalStyle(enabled: TerminalStyle.colorWanted(isTerminal: isatty(STDOUT_FILENO) != 0,
                                                     environment: ProcessInfo.processInfo.environment))
}
