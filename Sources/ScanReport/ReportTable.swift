import Foundation

/// Renders a report as a readable plain-text summary for a person (`--format table`).
public enum ReportTable {
    /// The whole report: artifact, then per image its identity, layers, packages and findings.
    public static func render(_ report: Report, maxRows: Int = 200) -> String {
        var out = ""
        out += "Artifact: \(report.artifact.path) (\(report.artifact.format), \(formatBytes(report.artifact.size)))\n"
        out += "SHA-256:  \(report.artifact.sha256)\n"
        for warning in report.warnings { out += "Warning:  \(warning)\n" }
        for (number, image) in report.artifact.images.enumerated() {
            out += "\n"
            out += "Image \(number + 1) of \(report.artifact.images.count): \(image.repoTags.isEmpty ? "<untagged>" : image.repoTags.joined(separator: ", "))\n"
            out += "  ID:   \(image.imageID)\n"
            if let os = image.os { out += "  OS:   \(os.name) (\(os.family) \(os.version))\n" } else { out += "  OS:   unknown\n" }
            out += "  Arch: \(image.architecture)\n"
            out += "  User: \(image.config.user.map { $0.isEmpty ? "root (unset)" : $0 } ?? "root (unset)")\n"
            out += "\n  Layers (\(image.layers.count))\n"
            out += table(["#", "DIFF ID", "SIZE", "COMP", "CREATED BY"], image.layers.map {
                [String($0.index), String($0.diffID.prefix(19)), formatBytes($0.size), $0.compression, clip($0.createdBy ?? "", 60)]
            })
            out += "\n  Packages (\(image.packages.count))\n"
            out += table(["NAME", "VERSION", "TYPE", "LAYER"], image.packages.prefix(maxRows).map {
                [$0.name, $0.version, $0.type.rawValue, String($0.layer.index)]
            })
            if image.packages.count > maxRows { out += "  … \(image.packages.count - maxRows) more (see --format json)\n" }
            out += "\n  Vulnerabilities (\(image.vulnerabilities.count))"
            if let s = image.vulnerabilitySummary {
                out += ": CRITICAL \(s.critical), HIGH \(s.high), MEDIUM \(s.medium), LOW \(s.low), NEGLIGIBLE \(s.negligible), UNKNOWN \(s.unknown)"
            }
            out += "\n"
            if !image.vulnerabilities.isEmpty {
                let sorted = image.vulnerabilities.sorted { ($0.severity, $1.id) > ($1.severity, $0.id) }
                out += table(["ID", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "SEVERITY"], sorted.prefix(maxRows).map {
                    [$0.id, $0.packageName, $0.installedVersion, $0.fixedVersion ?? "", $0.status, $0.severity.rawValue]
                })
            }
            out += "\n  Secrets (\(image.secrets.count))\n"
            if !image.secrets.isEmpty {
                out += table(["RULE", "SEVERITY", "PATH:LINE", "MATCH", "LAYER"], image.secrets.map {
                    [$0.ruleID, $0.severity.rawValue, "\($0.path):\($0.line)", $0.match,
                     ($0.layer.map { String($0.index) } ?? "config") + ($0.deletedInLaterLayer ? " (deleted later)" : "")]
                })
            }
            out += "\n  Malware (\(image.malware.count))\n"
            if !image.malware.isEmpty {
                out += table(["RULE", "PATH", "LAYER"], image.malware.map {
                    [$0.rule, $0.path, String($0.layer.index) + ($0.deletedInLaterLayer ? " (deleted later)" : "")]
                })
            }
            out += "\n  Misconfigurations (\(image.misconfigurations.count))\n"
            if !image.misconfigurations.isEmpty {
                out += table(["ID", "SEVERITY", "TITLE"], image.misconfigurations.map { [$0.id, $0.severity.rawValue, $0.title] })
            }
        }
        return out
    }

    /// Left-aligned columns, two spaces apart, indented by two.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { i, cell in
                i == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
            }
            return "  " + padded.joined(separator: "  ") + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    static func clip(_ text: String, _ width: Int) -> String {
        let single = text.replacingOccurrences(of: "\n", with: " ")
        return single.count <= width ? single : String(single.prefix(width - 1)) + "…"
    }

    /// `1.5 MiB`-style sizes.
    public static func formatBytes(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
