extension Setting {
    public static let spool = Setting("spool", .text(prefixes: []), default: "./spool", "the spool folder")
    public static let workers = Setting("workers", .integer(1...1024), default: "number of cores", "scanner processes run at once")
    public static let timeoutSeconds = Setting("timeout_seconds", .number(0...604_800, lowerOpen: true), default: "600",
                                               "time limit of one scan attempt, in seconds")
    public static let memoryLimitMB = Setting("memory_limit_mb", .integer(64...1_048_576), default: "2048",
                                              "address-space limit of each scanner process, in MiB")
    public static let settleMs = Setting("settle_ms", .integer(0...3_600_000), default: "2000",
                                         "how long a file written in place in pending/ must stay unchanged, in ms")
    public static let rescanSeconds = Setting("rescan_seconds", .number(0...86_400, lowerOpen: true), default: "60",
                                              "full rescan of pending/ every so many seconds (the rescan interval)")
    public static let graceSeconds = Setting("grace_seconds", .number(0...3_600, lowerOpen: false), default: "30",
                                             "on SIGTERM/SIGINT, seconds running scans may take to finish")
    public static let retryBackoffSeconds = Setting("retry_backoff_seconds", .number(0...3_600, lowerOpen: false), default: "5",
                                                    "wait before a failed scan is tried again, doubled after each attempt")
    public static let scannerCommand = Setting("scanner_command", .text(prefixes: []), default: "built-in",
                                               "scanner command line instead of `spoolscan scan`")
    public static let quarantine = Setting("quarantine", .boolean, default: "false",
                                           "move artifacts whose verdict is fail to quarantine/")
    public static let formats = Setting("formats", .list(choices: ["cyclonedx", "spdx", "sarif"]), default: "none",
                                        "other formats written beside each report")
    public static let policy = Setting("policy", .text(prefixes: []), default: "SPOOL/policy.yaml, else built-in",
                                       "policy file deciding each report's verdict")
    public static let vex = Setting("vex", .list(choices: nil), default: "none", "OpenVEX documents (a list)")
    public static let database = Setting("db", .text(prefixes: []), default: "default path when it exists",
                                         "advisory database of the parsing stage")
    public static let maxDbAgeDays = Setting("max_db_age_days", .integer(1...36_500), default: "7",
                                             "warn when the advisory database is older than this many days")
    public static let notifyCommand = Setting("notify_command", .text(prefixes: []), default: "none",
                                              "command run after each finished job (the hook)")
    public static let notifyTimeoutSeconds = Setting("notify_timeout_seconds", .number(0...3_600, lowerOpen: true), default: "30",
                                                     "time limit of the notification command, in seconds")
    public static let metricsFile = Setting("metrics_file", .text(prefixes: []), default: "none",
                                            "Prometheus metrics file")
    public static let retentionDays = Setting("retention_days", .number(0...36_500, lowerOpen: true), default: "off",
                                              "sweep removes finished jobs older than this many days")
    public static let logFormat = Setting("log_format", .choice(["text", "json"]), default: "text", "log format")
    public static let logLevel = Setting("log_level", .choice(["trace", "debug", "info", "notice", "warning", "error", "critical"]),
                                         default: "info", "lowest level logged")
    public static let cache = Setting("cache", .text(prefixes: []), default: "layer-cache.db beside the default database",
                                      "layer cache file of the scanners; `off` reads every layer afresh")
    public static let cacheMaxMB = Setting("cache_max_mb", .integer(0...1_048_576), default: "1024",
                                           "bound on the layer cache's stored analyses, in MiB (least recently used evicted)")
    public static let queue = Setting("queue", .text(prefixes: ["postgres://", "postgresql://"]), default: "none",
                                      "PostgreSQL URL of a job queue shared by several hosts (`watch`)")
    public static let leaseSeconds = Setting("lease_seconds", .number(1...86_400, lowerOpen: false), default: "30",
                                             "with a queue: seconds a claimed job stays this host's without a heartbeat")
    public static let hostName = Setting("host_name", .text(prefixes: []), default: "the machine's host name",
                                         "with a queue: this host's name in it")

    /// Every setting, in the order of README's table and of `systemd/spoolscan.yaml`.
    public static let all: [Setting] = [
        .spool, .workers, .timeoutSeconds, .memoryLimitMB, .settleMs, .rescanSeconds, .graceSeconds,
        .retryBackoffSeconds, .scannerCommand, .quarantine, .formats, .policy, .vex, .database, .maxDbAgeDays,
        .notifyCommand, .notifyTimeoutSeconds, .metricsFile, .retentionDays, .logFormat, .logLevel, .cache, .cacheMaxMB, .queue, .leaseSeconds, .hostName,
    ]

    /// The setting with settings-file key `key`.
    public static func named(_ key: String) -> Setting? { all.first { $0.key == key } }
}
