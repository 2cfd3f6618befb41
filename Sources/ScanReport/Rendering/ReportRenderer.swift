/// Renders a report for a person: `spoolscan report show` and `spoolscan scan --format table`.
///
/// A summary comes first (artifact, verdict, warnings, counts by kind and severity, the top
/// findings), then one section per image and kind; packages and layers only on request.
/// Suppressed findings stay visible, marked and dimmed, and are not counted. Vulnerability
/// counts are never claimed for packages the database could not speak for.
public struct ReportRenderer: Sendable {
    /// What to show and how.
    public struct Options: Sendable {
        public var filter: FindingFilter
        /// List packages and layers per image.
        public var showPackages: Bool
        public var style: TerminalStyle
        /// How many findings the summary's "Top findings" lists.
        public var top: Int

        public init(filter: FindingFilter = FindingFilter(), showPackages: Bool = false,
                    style: TerminalStyle = .plain, top: Int = 5) {
            self.filter = filter; self.showPackages = showPackages; self.style = style; self.top = top
        }
    }

    public let options: Options
    var style: TerminalStyle { options.style }

    public init(options: Options = Options()) { self.options = options }

    /// The whole text.
    public func render(_ report: Report) -> String {
        let rows = FindingRow.rows(of: report).filter(options.filter.includes)
        var out = header(report)
        out += warnings(report)
        out += counts(report, rows)
        out += topFindings(rows)
        for (index, image) in report.artifact.images.enumerated() {
            out += section(image, number: index + 1, of: report.artifact.images.count,
                           rows: rows.filter { $0.image == index + 1 })
        }
        return out
    }

    func header(_ report: Report) -> String {
        let a = report.artifact
        var out = style.bold("Artifact") + "  \(a.path) (\(a.format), \(TextTable.formatBytes(a.size)))\n"
        out += "          sha256:\(a.sha256)\n"
        if let verdict = report.verdict {
            let result = verdict.result == .pass ? style.removed("PASS") : style.added("FAIL")
            out += style.bold("Verdict") + "   \(result) (policy \(verdict.policy.path ?? "built-in"))\n"
            for reason in verdict.reasons {
                out += "          \(reason.rule): \(reason.message ?? "\(reason.findingIds.count) findings")\n"
            }
        }
        if let db = report.database {
            out += style.bold("Database") + "  \(db.path), built \(db.builtAt) (\(db.sources.map(\.name).joined(separator: ", ")))\n"
        }
        if options.filter.isActive { out += style.bold("Showing") + "   \(options.filter.description)\n" }
        return out
    }

    func warnings(_ report: Report) -> String {
        guard !report.warnings.isEmpty else { return "" }
        var out = "\n" + style.bold("Warnings") + "\n"
        let width = report.warnings.map(\.code.count).max() ?? 0
        for warning in report.warnings {
            let padding = String(repeating: " ", count: width - warning.code.count)
            out += "  " + style.warning(warning.code) + padding + "  \(warning.message)\n"
        }
        return out
    }

    func counts(_ report: Report, _ rows: [FindingRow]) -> String {
        let summary = SummaryCounts(rows)
        let coverage = VulnerabilityCoverage(report)
        let severities = Severity.allCases.reversed()
        var table = TextTable(["FINDINGS"] + severities.map(\.rawValue) + ["TOTAL", ""], indent: 2)
        for kind in FindingKind.allCases where options.filter.shows(kind) {
            if kind == .vuln && !coverage.countIsMeaningful {
                table.add([TextTable.Cell(kind.heading)] + severities.map { _ in "-" } + ["-", TextTable.Cell(coverage.note ?? "not checked", code: "33")])
                continue
            }
            var cells = [TextTable.Cell(kind.heading)]
            for severity in severities {
                let n = summary.count(kind, severity)
                cells.append(TextTable.Cell(String(n), code: n > 0 ? TerminalStyle.code(severity) : nil))
            }
            var notes: [String] = []
            if kind == .vuln, let note = coverage.note { notes.append(note) }
            if let n = summary.suppressed[kind], n > 0 { notes.append("\(n) suppressed") }
            table.add(cells + [TextTable.Cell(String(summary.total(kind))), TextTable.Cell(notes.joined(separator: "; "), code: kind == .vuln && coverage.note != nil ? "33" : nil)])
        }
        return "\n" + table.render(style)
    }

    func topFindings(_ rows: [FindingRow]) -> String {
        let top = rows.filter { $0.suppression == nil }.sorted(by: FindingRow.byImportance).prefix(options.top)
        guard !top.isEmpty else { return "" }
        let out = "\n" + style.bold("Top findings") + "\n"
        var table = TextTable(["SEVERITY", "TYPE", "ID", "WHAT", "WHERE"], indent: 2)
        for row in top {
            var what = row.subject
            if let fixed = row.fixedVersion { what += " (fixed in \(fixed))" }
            table.add([TextTable.Cell(row.severity.rawValue, code: TerminalStyle.code(row.severity)), .init(row.kind.rawValue),
                       .init(row.id), .init(TextTable.clip(what, 50)), .init(row.location)])
        }
        return out + table.render(style)
    }
}
