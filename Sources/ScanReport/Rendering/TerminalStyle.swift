/// ANSI colours for a terminal, or none: `report show` colours only when standard output is a
/// terminal and `NO_COLOR` is not set (https://no-color.org); piped output is plain text.
public struct TerminalStyle: Sendable {
    /// Whether escape sequences are written at all.
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Plain text, for files, pipes and tests.
    public static let plain = TerminalStyle(enabled: false)

    /// Colours when `isTerminal` and neither `NO_COLOR` (non-empty) nor `TERM=dumb` is set.
    public static func colorWanted(isTerminal: Bool, environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return isTerminal
    }

    /// The SGR parameters for a severity.
    static func code(_ severity: Severity) -> String {
        switch severity {
        case .critical: return "1;31"
        case .high: return "31"
        case .medium: return "33"
        case .low: return "34"
        case .negligible, .unknown: return "2"
        }
    }

    func apply(_ code: String?, _ text: String) -> String {
        guard enabled, let code, !text.isEmpty else { return text }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    public func severity(_ severity: Severity, _ text: String) -> String { apply(Self.code(severity), text) }
    public func bold(_ text: String) -> String { apply("1", text) }
    public func dim(_ text: String) -> String { apply("2", text) }
    public func warning(_ text: String) -> String { apply("33", text) }
    public func added(_ text: String) -> String { apply("31", text) }
    public func removed(_ text: String) -> String { apply("32", text) }
}
