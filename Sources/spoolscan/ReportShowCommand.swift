import ArgumentParser
import Foundation
import ScanReport
import SpoolscanCore

/// `spoolscan report show FILE`: the report for a person, most important first.
struct ReportShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a report: summary (verdict, warnings, counts, top findings), then findings per image.",
        discussion: """
        The filters change only what is shown, never the report or its verdict. Colours are used on a \
        terminal unless NO_COLOR is set. Exit status: 0 shown; 3 the file is not a readable report or a \
        filter value is wrong.
        """
    )

    @Argument(help: "A report written by spoolscan (NAME.report.json).")
    var file: String

    @Option(help: "Show only findings of this severity and above (CRITICAL, HIGH, MEDIUM, LOW, NEGLIGIBLE, UNKNOWN).")
    var severity: String?

    @Option(name: .customLong("type"), help: "Show only this kind of finding: vuln, secret, malware or misconfig (repeatable or comma-separated).")
    var types: [String] = []

    @Flag(help: "Show only vulnerabilities that have a fixed version.")
    var onlyFixed = false

    @Option(help: "Show only secrets of this confidence and above: low, medium or high (a secret without one counts as high).")
    var minConfidence: String?

    @Flag(help: "Also list every image's layers and packages.")
    var packages = false

    /// A bad filter value is an error like any other: exit status 3.
    func validate() throws {
        do { _ = try filter() } catch let error as ValidationError {
            ErrorLine.write(SpoolscanError(.configInvalid, error.message))
            FileHandle.standardError.write(Data("Usage: spoolscan report \(Self.usageString())\n".utf8))
            throw ExitCode(3)
        }
    }

    func filter() throws -> FindingFilter {
        var filter = FindingFilter(onlyFixed: onlyFixed)
        if let severity {
            guard let level = Severity(rawValue: severity.uppercased()) else {
                throw ValidationError("--severity takes one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            filter.minimumSeverity = level
        }
        for name in types.flatMap({ $0.split(separator: ",") }) {
            guard let kind = FindingKind(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError("--type takes vuln, secret, malware or misconfig")
            }
            filter.kinds.insert(kind)
        }
        if let minConfidence {
            guard let level = Confidence(rawValue: minConfidence.lowercased()) else {
                throw ValidationError("--min-confidence takes low, medium or high")
            }
            filter.minimumConfidence = level
        }
        return filter
    }

    func run() throws {
        let report = try loadReport(file)
        let options = ReportRenderer.Options(filter: try filter(), showPackages: packages, style: terminalStyle())
        FileHandle.standardOutput.write(Data(ReportRenderer(options: options).render(report).utf8))
    }
}
