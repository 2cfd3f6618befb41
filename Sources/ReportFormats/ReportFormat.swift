import Foundation
import ScanReport

/// The formats a report can be written in, all from the same ``Report``: spoolscan's own JSON,
/// the table for people, and the standard formats other tools read.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// spoolscan's report (`schemas/report.schema.json`).
    case json
    /// A plain-text summary for a person.
    case table
    /// CycloneDX 1.6 JSON: inventory and vulnerabilities.
    case cyclonedx
    /// SPDX 2.3 JSON: inventory.
    case spdx
    /// SARIF 2.1.0: every finding, for code-scanning tools.
    case sarif

    /// The report rendered in this format; `style` colours the table (the other formats ignore it).
    public func render(_ report: Report, style: TerminalStyle = .plain) throws -> Data {
        switch self {
        case .json: return try ReportCodec.encode(report)
        case .table: return Data(ReportRenderer(options: .init(style: style)).render(report).utf8)
        case .cyclonedx: return try CycloneDXWriter.render(report)
        case .spdx: return try SPDXWriter.render(report)
        case .sarif: return try SARIFWriter.render(report)
        }
    }

    /// The suffix of a file of this format written beside an artifact `NAME`
    /// (`NAME.report.json`, `NAME.cdx.json`, `NAME.spdx.json`, `NAME.sarif`, `NAME.report.txt`).
    public var fileSuffix: String {
        switch self {
        case .json: return ".report.json"
        case .table: return ".report.txt"
        case .cyclonedx: return ".cdx.json"
        case .spdx: return ".spdx.json"
        case .sarif: return ".sarif"
        }
    }
}
