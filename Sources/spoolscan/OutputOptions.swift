import ArgumentParser
import Foundation
import ReportFormats
import ScanReport
import SpoolscanCore

extension ReportFormat: ExpressibleByArgument {}

/// `--format`/`-f` and `--output`/`-o`: which format a report is written in, and where.
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: "Report format: json, table, cyclonedx (CycloneDX 1.6 JSON), spdx (SPDX 2.3 JSON) or sarif (SARIF 2.1.0).")
    var format: ReportFormat = .json

    @Option(name: [.short, .long], help: "Write the report to this file (atomically) instead of standard output.")
    var output: String?

    /// Renders `report` in the chosen format and writes it to the output file or standard output
    /// (`HNDL-001` when the file cannot be written).
    func write(_ report: Report) throws {
        let data = try format.render(report, style: output == nil ? terminalStyle() : .plain)
        if let output {
            do { try ReportCodec.writeAtomically(data, to: output) } catch {
                throw SpoolscanError(.handlerSendStatus, "\(output): \(error.localizedDescription)")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
