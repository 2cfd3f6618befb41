/// Turns licences as packages declare them (`MIT`, `gpl-2.0-only`, `Apache-2.0 OR MIT`,
/// `GPL-2+`, `MIT License`) into SPDX identifiers and expressions where they are exactly that,
/// so writers can use `id`/`expression` fields for them and free-text names for the rest.
enum SPDXLicenses {
    /// Lower-cased identifier → canonical spelling.
    private static let canonical: [String: String] = {
        var table: [String: String] = [:]
        for line in SPDXLicenseIDs.text.split(separator: "\n") {
            let id = String(line)
            table[id.lowercased()] = id
        }
        return table
    }()

    /// The canonical SPDX identifier for `text` (case-insensitive), or nil.
    static func identifier(_ text: String) -> String? { canonical[text.lowercased()] }

    /// `text` as a canonical SPDX licence expression when every identifier in it is on the SPDX
    /// list (or a `LicenseRef-`), operators are `AND`/`OR`/`WITH` and parentheses balance; else nil.
    static func expression(_ text: String) -> String? {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if character == "(" || character == ")" || character == " " {
                if !current.isEmpty { tokens.append(current); current = "" }
                if character != " " { tokens.append(String(character)) }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        guard !tokens.isEmpty else { return nil }
        var out: [String] = []
        var depth = 0
        var expectOperand = true
        for token in tokens {
            switch token {
            case "(":
                guard expectOperand else { return nil }
                depth += 1
                out.append(token)
            case ")":
                guard !expectOperand, depth > 0 else { return nil }
                depth -= 1
                out.append(token)
            default:
                let upper = token.uppercased()
                if upper == "AND" || upper == "OR" || upper == "WITH" {
                    guard !expectOperand else { return nil }
                    out.append(upper)
                    expectOperand = true
                } else {
                    guard expectOperand, let operand = operand(token) else { return nil }
                    out.append(operand)
                    expectOperand = false
                }
            }
        }
        guard depth == 0, !expectOperand else { return nil }
        return out.joined(separator: " ").replacingOccurrences(of: "( ", with: "(").replacingOccurrences(of: " )", with: ")")
    }

    /// Whether `expression` combines several licences (so it is not a single identifier).
    static func isCompound(_ expression: String) -> Bool { expression.contains(" ") }

    private static func operand(_ token: String) -> String? {
        if token.hasPrefix("LicenseRef-") || token.hasPrefix("DocumentRef-") {
            return token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.:".contains($0)) } ? token : nil
        }
        if token.hasSuffix("+"), let id = identifier(String(token.dropLast())) { return id + "+" }
        return identifier(token)
    }

    /// A `LicenseRef-` id for free text: letters, digits, `.` and `-` only.
    static func licenseRef(_ text: String) -> String {
        var id = idString(text)
        while id.hasSuffix("-") { id.removeLast() }
        return "LicenseRef-" + (id.isEmpty ? "unnamed" : id)
    }

    /// `text` with every run of characters SPDX ids do not allow (anything but ASCII letters,
    /// digits, `.` and `-`) replaced by one `-`.
    static func idString(_ text: String) -> String {
        var id = ""
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || character == "." || character == "-") {
                id.append(character)
            } else if id.last != "-" {
                id.append("-")
            }
        }
        return id
    }
}
