import ArgumentParser

/// `--db` and `--max-db-age-days` for the spool commands (also settings `db` and `max_db_age_days`).
struct MatchingOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "Advisory database for the parsing stage (default: $SPOOLSCAN_DB, /var/lib/spoolscan/advisories.db or ~/.cache/spoolscan/advisories.db, when it exists).")
    var path: String?

    @OptionGroup var age: DatabaseAgeOption
}
