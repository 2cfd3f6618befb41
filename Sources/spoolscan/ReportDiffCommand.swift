import ArgumentParser
import Foundation
import ScanReport

/// `spoolscan report diff OLD NEW`: what appeared, went away or changed between two reports.
struct ReportDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two reports: new, fixed and changed findings (severity, status, fixed version, suppression).",
        discussion: """
        Findings are paired by their stable finding id. Exit status: 0 nothing new appeared; 1 at least \
        one new finding that is not suppressed appeared; 3 a file is not a readable report.
        """
    )

    @Argument(help: "The older report.")
    var old: String

    @Argument(help: "The newer report.")
    var new: String

    @OptionGroup var output: TextOrJSONOption

    func run() throws {
        let json = try output.isJSON()
        let before = try loadReport(old), after = try loadReport(new)
        let diff = ReportDiff(old: before, new: after, oldPath: old, newPath: new)
        if json {
            FileHandle.standardOutput.write(try ReportCodec.encode(diff))
        } else {
            FileHandle.standardOutput.write(Data(diff.render(style: terminalStyle()).utf8))
        }
        if diff.hasNew { throw ExitCode(1) }
    }
}
