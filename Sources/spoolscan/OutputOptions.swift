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

    /// Refuses, before any work, an output file whose folder does not exist (`CONF-003`).
    func checkDestination() throws(SpoolscanError) {
        guard let output else { return }
        let folder = (output as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw SpoolscanError(.namedFileMissing, "--output \(output): folder \(folder) does not exist")
        }
    }

    /// Renders `report` in the chosen format and writes it to the output file or standard output
    /// (`HNDL-001` when the file cannot be written).
    func write(_ report: Report) throws {
        let data = try format.render(report, style: output == nil ? terminalStyle() : .plain)
        if let output {
            try checkDestination()
            do { try ReportCodec.writeAtomically(data, to: output) } catch {
                throw SpoolscanError(.handlerSendStatus, "\(output): \(Self.reason(error))")
            }
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// The system's words for a failed write (`Permission denied`), not Foundation's wrapper text.
    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        return nsError.localizedDescription
    }
}
