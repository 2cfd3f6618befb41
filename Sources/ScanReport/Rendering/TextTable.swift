import Foundation

/// Left-aligned text columns, two spaces apart. Cells carry an optional colour (SGR code)
/// applied after padding, so escape sequences never upset the alignment.
struct TextTable {
    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var code: String?
        init(_ text: String, code: String? = nil) { self.text = text; self.code = code }
        init(stringLiteral value: String) { self.init(value) }
    }

    var header: [String]
    var rows: [(cells: [Cell], code: String?)] = []
    /// Spaces before every line.
    var indent = 4

    init(_ header: [String], indent: Int = 4) { self.header = header; self.indent = indent }

    /// Adds a row; `code` colours every cell without a colour of its own (e.g. dim for suppressed).
    mutating func add(_ cells: [Cell], code: String? = nil) { rows.append((cells, code)) }

    func render(_ style: TerminalStyle) -> String {
        var widths = header.map(\.count)
        for row in rows { for (i, cell) in row.cells.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.text.count) } }
        // Columns empty in every row are dropped (the first column always stays).
        let keep = header.indices.filter { i in i == 0 || rows.contains { i < $0.cells.count && !$0.cells[i].text.isEmpty } }
        func line(_ cells: [Cell], _ lineCode: String?) -> String {
            let shown = keep.filter { $0 < cells.count }
            let parts = shown.enumerated().map { position, i -> String in
                let cell = cells[i]
                let padded = position == shown.count - 1 ? cell.text : cell.text + String(repeating: " ", count: widths[i] - cell.text.count)
                return style.apply(cell.code ?? lineCode, padded)
            }
            var text = String(repeating: " ", count: indent) + parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text + "\n"
        }
        return line(header.map { Cell($0) }, "1") + rows.map { line($0.cells, $0.code) }.joined()
    }

    static func clip(_ text: String, _ width: Int) -> String {
        let single = text.replacingOccurrences(of: "\n", with: " ")
        return single.count <= width ? single : String(single.prefix(width - 1)) + "…"
    }

    /// `1.5 MiB`-style sizes.
    static func formatBytes(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(bytes) B" : String(format: "%.1f", value) + " " + units[unit]
    }
}
