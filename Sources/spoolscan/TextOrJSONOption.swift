import ArgumentParser
import SpoolscanCore

/// `-f/--format text|json` for the commands that print either (`status`, `db info`,
/// `report diff`), named like `scan`'s `-f`; `--json` is the same as `-f json`.
struct TextOrJSONOption: ParsableArguments {
    @Option(name: [.short, .long], help: "Output format: text or json (default text).")
    var format: String?

    @Flag(help: "Print JSON (the same as -f json).")
    var json = false

    /// Whether JSON was asked for; `CONF-001` for a format other than text or json, or `--json` with `-f text`.
    func isJSON() throws(SpoolscanError) -> Bool {
        switch format?.lowercased() {
        case nil: return json
        case "json": return true
        case "text" where !json: return false
        case "text": throw SpoolscanError(.configInvalid, "--json and --format text contradict each other")
        case let other?: throw SpoolscanError(.configInvalid, "--format takes text or json, not '\(other)'")
        }
    }
}
