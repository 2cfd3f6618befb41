import ScanReport

/// Renders the spool's metrics in the Prometheus text format. Names (all prefixed `spoolscan_`):
///
/// | metric | type | labels |
/// |---|---|---|
/// | `spoolscan_jobs` | gauge | `state` |
/// | `spoolscan_scanner_slots` | gauge | `state` (`busy`, `free`) |
/// | `spoolscan_jobs_finished_total` | counter | `result` (`done`, `error`, `quarantine`), `code` |
/// | `spoolscan_scan_duration_seconds` | histogram | |
/// | `spoolscan_findings_total` | counter | `kind`, `severity` (`none` for malware) |
/// | `spoolscan_verdicts_total` | counter | `result` (`pass`, `fail`, `none`) |
/// | `spoolscan_database_built_timestamp_seconds`, `spoolscan_database_age_seconds` | gauge | |
/// | `spoolscan_notification_hook_runs_total` | counter | `result` |
public enum MetricsRenderer {
    /// The text for `snapshot`, with the folder gauges when given; `now` is seconds since the epoch.
    public static func render(_ snapshot: MetricsSnapshot, gauges: SpoolGauges?, now: Double,
                              constantLabels: [(String, String)] = []) -> String {
        var out = PrometheusText(constantLabels: constantLabels)
        if let gauges {
            out.family("spoolscan_jobs", .gauge, help: "Jobs in each state folder of the spool.")
            let order = JobState.allCases.map(\.rawValue)
            for state in order + gauges.jobs.keys.filter({ !order.contains($0) }).sorted() {
                if let count = gauges.jobs[state] { out.sample("spoolscan_jobs", [("state", state)], Double(count)) }
            }
            out.family("spoolscan_scanner_slots", .gauge, help: "Scanner slots of all live workers, busy or free.")
            out.sample("spoolscan_scanner_slots", [("state", "busy")], Double(gauges.slotsBusy))
            out.sample("spoolscan_scanner_slots", [("state", "free")], Double(gauges.slotsTotal - gauges.slotsBusy))
        }

        out.family("spoolscan_jobs_finished_total", .counter,
                   help: "Jobs finished by this process, by final state and error code (empty for none).")
        for (key, count) in snapshot.finished.sorted(by: { ($0.key.result, $0.key.code) < ($1.key.result, $1.key.code) }) {
            out.sample("spoolscan_jobs_finished_total", [("result", key.result), ("code", key.code)], Double(count))
        }

        out.family("spoolscan_scan_duration_seconds", .histogram, help: "Duration of successful scans in seconds.")
        out.histogram("spoolscan_scan_duration_seconds", [], snapshot.scanDurations)

        out.family("spoolscan_findings_total", .counter,
                   help: "Findings not suppressed in finished reports, by kind and severity.")
        for kind in FindingKind.allCases {
            let severities: [Severity?] = kind == .malware ? [nil] : Severity.allCases.reversed()
            for severity in severities {
                let count = snapshot.findings[.init(kind: kind, severity: severity)] ?? 0
                out.sample("spoolscan_findings_total", [("kind", kind.rawValue), ("severity", severity?.rawValue ?? "none")],
                           Double(count))
            }
        }

        out.family("spoolscan_verdicts_total", .counter, help: "Policy verdicts of finished jobs (none: no policy evaluated).")
        for result in ["pass", "fail", "none"] {
            out.sample("spoolscan_verdicts_total", [("result", result)], Double(snapshot.verdicts[result] ?? 0))
        }

        if let built = snapshot.databaseBuiltAt {
            out.family("spoolscan_database_built_timestamp_seconds", .gauge,
                       help: "When the advisory database used for the newest report was built, in seconds since the epoch.")
            out.sample("spoolscan_database_built_timestamp_seconds", [], built)
            out.family("spoolscan_database_age_seconds", .gauge, help: "Age of the advisory database in seconds.")
            out.sample("spoolscan_database_age_seconds", [], max(0, now - built).rounded())
        }

        out.family("spoolscan_notification_hook_runs_total", .counter, help: "Notification hook runs by result.")
        for result in HookOutcome.Result.allCases {
            out.sample("spoolscan_notification_hook_runs_total", [("result", result.rawValue)],
                       Double(snapshot.hookRuns[result] ?? 0))
        }
        return out.text
    }
}
