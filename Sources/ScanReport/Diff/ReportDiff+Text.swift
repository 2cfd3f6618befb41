extension ReportDiff {
    /// The diff for a person: a one-line summary, then new, fixed and changed findings.
    public func render(style: TerminalStyle = .plain) -> String {
        var out = "\(old.path) (\(old.matchedAt ?? old.createdAt)) → \(new.path) (\(new.matchedAt ?? new.createdAt))\n"
        out += "\(added.count) new, \(fixed.count) fixed, \(changed.count) changed, \(unchanged) unchanged\n"
        out += list("New", added, mark: style.added("+"), style: style)
        out += list("Fixed (no longer reported)", fixed, mark: style.removed("-"), style: style)
        if !changed.isEmpty {
            out += "\n" + style.bold("Changed") + "\n"
            for change in changed {
                let what = change.changes.map { "\($0.field) \($0.old ?? "none") → \($0.new ?? "none")" }.joined(separator: ", ")
                out += "  ~ \(line(change.finding, style: style))\n      \(what)\n"
            }
        }
        return out
    }

    private func list(_ title: String, _ entries: [Entry], mark: String, style: TerminalStyle) -> String {
        guard !entries.isEmpty else { return "" }
        var out = "\n" + style.bold(title) + "\n"
        for entry in entries {
            out += "  \(mark) \(line(entry, style: style))"
            if let suppression = entry.suppression { out += style.dim("  [\(suppression)]") }
            out += "\n"
        }
        return out
    }

    private func line(_ entry: Entry, style: TerminalStyle) -> String {
        var text = style.severity(entry.severity, entry.severity.rawValue) + " \(entry.type.rawValue) \(entry.id)  \(entry.subject)"
        if let fixed = entry.fixedVersion { text += " (fixed in \(fixed))" }
        if !entry.location.isEmpty { text += "  \(entry.location)" }
        return text
    }
}
