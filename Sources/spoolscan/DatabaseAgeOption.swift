import ArgumentParser
import Settings
import SpoolscanCore

/// `--max-db-age-days N`, the same flag on every command that reads the advisory database
/// (`--max-age-days`, its older name, is still accepted and hidden from help).
struct DatabaseAgeOption: ParsableArguments {
    /// The default age limit, in days.
    static let defaultDays = 7

    @Option(help: "Warn when the advisory database is older than this many days (default 7).")
    var maxDbAgeDays: Int?

    @Option(name: .customLong("max-age-days"), help: .hidden)
    var maxAgeDays: Int?

    /// The value given under either name, or nil.
    var given: Int? { maxDbAgeDays ?? maxAgeDays }

    /// The value given (checked like the `max_db_age_days` setting: `CONF-007` out of range), else the default.
    func days() throws(SpoolscanError) -> Int {
        guard let given else { return Self.defaultDays }
        guard case .integer(let days) = try Setting.maxDbAgeDays.check(.integer(given), where: "--max-db-age-days") else {
            return Self.defaultDays
        }
        return days
    }
}
