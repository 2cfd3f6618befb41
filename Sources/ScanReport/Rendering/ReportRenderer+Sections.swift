extension ReportRenderer {
    /// One image: its identity, then a section per kind of finding (filtered), then packages and
    /// layers when asked for.
    func section(_ image: ImageReport, number: Int, of count: Int, rows: [FindingRow]) -> String {
        let tags = image.repoTags.isEmpty ? "<untagged>" : image.repoTags.joined(separator: ", ")
        var out = "\n" + style.bold("Image \(number) of \(count): \(tags)") + "\n"
        let os = image.os.map { "\($0.name) (\($0.family) \($0.version))" } ?? "unknown OS"
        out += "  \(os), \(image.architecture), \(image.layers.count) layers, \(image.packages.count) packages, user \(image.config.user.map { $0.isEmpty ? "root (unset)" : $0 } ?? "root (unset)")\n"
        out += "  ID \(image.imageID)\n"
        let filter = options.filter
        if filter.shows(.vuln) { out += vulnerabilities(image, rows.filter { $0.kind == .vuln }) }
        if filter.shows(.secret) { out += secrets(image, rows.filter { $0.kind == .secret }) }
        if filter.shows(.malware) { out += malware(image, rows.filter { $0.kind == .malware }) }
        if filter.shows(.misconfig) { out += misconfigurations(rows.filter { $0.kind == .misconfig }) }
        if options.showPackages { out += packages(image) }
        return out
    }

    func title(_ name: String, _ rows: [FindingRow], total: Int) -> String {
        let shown = rows.count == total ? "\(total)" : "\(rows.count) of \(total) shown"
        return "\n  " + style.bold("\(name) (\(shown))") + "\n"
    }

    /// The row colour: dim for suppressed findings.
    func rowCode(_ row: FindingRow) -> String? { row.suppression == nil ? nil : "2" }

    func severityCell(_ row: FindingRow) -> TextTable.Cell {
        TextTable.Cell(row.severity.rawValue, code: row.suppression == nil ? TerminalStyle.code(row.severity) : "2")
    }

    func vulnerabilities(_ image: ImageReport, _ rows: [FindingRow]) -> String {
        let count = rows.count == image.vulnerabilities.count ? "\(rows.count)" : "\(rows.count) of \(image.vulnerabilities.count) shown"
        var out: String
        if let coverage = image.coverage, !coverage.filter({ !$0.checked }).isEmpty {
            let unchecked = coverage.filter { !$0.checked }
                .map { "\($0.packages) \($0.packageType.rawValue) packages (no advisories for \($0.scope))" }.joined(separator: ", ")
            out = "\n  " + style.bold(coverage.checkedPackages == 0 ? "Vulnerabilities" : "Vulnerabilities (\(count) in \(coverage.checkedPackages) checked packages)")
            out += " " + style.warning("not checked: " + unchecked)
        } else if image.coverage == nil && image.vulnerabilitySummary == nil {
            out = "\n  " + style.bold("Vulnerabilities") + " " + style.warning("not checked: no advisory database")
        } else {
            out = "\n  " + style.bold("Vulnerabilities (\(count))")
        }
        out += "\n"
        guard !rows.isEmpty else { return out }
        var table = TextTable(["SEVERITY", "ID", "PACKAGE", "INSTALLED", "FIXED", "STATUS", "WHERE", "NOTE"])
        let byID = Dictionary(image.vulnerabilities.map { (FindingID.of($0), $0) }, uniquingKeysWith: { a, _ in a })
        for row in rows.sorted(by: FindingRow.byImportance) {
            let v = byID[row.findingID]
            table.add([severityCell(row), .init(row.id), .init(v?.packageName ?? row.subject), .init(v?.installedVersion ?? ""),
                       .init(row.fixedVersion ?? ""), .init(row.status ?? ""), .init(row.location),
                       .init(row.suppressionNote ?? "")], code: rowCode(row))
        }
        return out + table.render(style)
    }

    func secrets(_ image: ImageReport, _ rows: [FindingRow]) -> String {
        var out = title("Secrets", rows, total: image.secrets.count)
        guard !rows.isEmpty else { return out }
        let byID = Dictionary(image.secrets.map { (FindingID.of($0), $0) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(["SEVERITY", "RULE", "CONFIDENCE", "WHERE", "MATCH", "LAYER", "NOTE"])
        for row in rows.sorted(by: FindingRow.byImportance) {
            let s = byID[row.findingID]
            var notes: [String] = []
            if s?.deletedInLaterLayer == true { notes.append("deleted in a later layer") }
            if let note = row.suppressionNote { notes.append(note) }
            table.add([severityCell(row), .init(row.id), .init((row.confidence ?? .high).rawValue), .init(row.location),
                       .init(s?.match ?? ""), .init(s?.layer.map { String($0.index) } ?? "config"),
                       .init(notes.joined(separator: "; "))], code: rowCode(row))
        }
        out += table.render(style)
        return out
    }

    func malware(_ image: ImageReport, _ rows: [FindingRow]) -> String {
        var out = title("Malware", rows, total: image.malware.count)
        guard !rows.isEmpty else { return out }
        let byID = Dictionary(image.malware.map { (FindingID.of($0), $0) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(["RULE", "WHERE", "LAYER", "SHA-256", "NOTE"])
        for row in rows.sorted(by: FindingRow.byImportance) {
            let m = byID[row.findingID]
            var notes: [String] = []
            if m?.deletedInLaterLayer == true { notes.append("deleted in a later layer") }
            if let note = row.suppressionNote { notes.append(note) }
            table.add([TextTable.Cell(row.id, code: row.suppression == nil ? "1;31" : "2"), .init(row.location),
                       .init(m.map { String($0.layer.index) } ?? ""), .init(String((m?.sha256 ?? "").prefix(16))),
                       .init(notes.joined(separator: "; "))], code: rowCode(row))
        }
        out += table.render(style)
        return out
    }

    func misconfigurations(_ rows: [FindingRow]) -> String {
        var out = "\n  " + style.bold("Misconfigurations (\(rows.count))") + "\n"
        guard !rows.isEmpty else { return out }
        var table = TextTable(["SEVERITY", "ID", "TITLE", "EVIDENCE", "NOTE"])
        for row in rows.sorted(by: FindingRow.byImportance) {
            table.add([severityCell(row), .init(row.id), .init(TextTable.clip(row.subject, 60)),
                       .init(TextTable.clip(row.location, 60)), .init(row.suppressionNote ?? "")], code: rowCode(row))
        }
        out += table.render(style)
        return out
    }

    func packages(_ image: ImageReport) -> String {
        var out = "\n  " + style.bold("Layers (\(image.layers.count))") + "\n"
        var layers = TextTable(["#", "DIFF ID", "SIZE", "COMP", "CREATED BY"])
        for layer in image.layers {
            layers.add([.init(String(layer.index)), .init(String(layer.diffID.prefix(19))), .init(TextTable.formatBytes(layer.size)),
                        .init(layer.compression), .init(TextTable.clip(layer.createdBy ?? "", 60))])
        }
        out += layers.render(style)
        out += "\n  " + style.bold("Packages (\(image.packages.count))") + "\n"
        guard !image.packages.isEmpty else { return out }
        var table = TextTable(["NAME", "VERSION", "TYPE", "LAYER", "WHERE"])
        for package in image.packages {
            table.add([.init(package.name), .init(package.version), .init(package.type.rawValue), .init(String(package.layer.index)),
                       .init(package.paths.first ?? "")])
        }
        return out + table.render(style)
    }
}
