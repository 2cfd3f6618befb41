import Foundation
import ScanReport
@testable import Spool
import Testing

@Suite struct MetricsTextTests {
    static let built = 1_795_651_200.0  // 2026-11-26T00:00:00Z

    /// One done job (verdict fail, 2.5 s, the fixture's findings) and one failed job (SCAN-003).
    static func metrics() -> SpoolMetrics {
        let metrics = SpoolMetrics(scanDurationBounds: [5, 1, 5])
        metrics.recordFinished(JobNotice(report: ActionsFixtures.report(name: "a.tar"), state: .done, spool: "/s",
                                         artifactPath: "/s/done/a.tar", reportPath: "/s/done/a.tar.report.json"))
        metrics.recordFinished(JobNotice(error: ActionsFixtures.errorRecord(name: "b.tar"), spool: "/s",
                                         artifactPath: "/s/error/b.tar", reportPath: "/s/error/b.tar.error.json"))
        return metrics
    }

    @Test func rendersTheExactExpositionText() {
        let gauges = SpoolGauges(jobs: ["pending": 2, "in-progress": 1, "parsing": 0, "done": 1, "error": 1, "quarantine": 0],
                                 slotsBusy: 1, slotsTotal: 4)
        let text = MetricsRenderer.render(Self.metrics().snapshot(), gauges: gauges, now: Self.built + 3600,
                                          constantLabels: [("role", "daemon")])
        let expected = """
            # HELP spoolscan_jobs Jobs in each state folder of the spool.
            # TYPE spoolscan_jobs gauge
            spoolscan_jobs{role="daemon",state="pending"} 2
            spoolscan_jobs{role="daemon",state="in-progress"} 1
            spoolscan_jobs{role="daemon",state="parsing"} 0
            spoolscan_jobs{role="daemon",state="done"} 1
            spoolscan_jobs{role="daemon",state="error"} 1
            spoolscan_jobs{role="daemon",state="quarantine"} 0
            # HELP spoolscan_scanner_slots Scanner slots of all live workers, busy or free.
            # TYPE spoolscan_scanner_slots gauge
            spoolscan_scanner_slots{role="daemon",state="busy"} 1
            spoolscan_scanner_slots{role="daemon",state="free"} 3
            # HELP spoolscan_jobs_finished_total Jobs finished by this process, by final state and error code (empty for none).
            # TYPE spoolscan_jobs_finished_total counter
            spoolscan_jobs_finished_total{role="daemon",result="done",code=""} 1
            spoolscan_jobs_finished_total{role="daemon",result="error",code="SCAN-003"} 1
            # HELP spoolscan_scan_duration_seconds Duration of successful scans in seconds.
            # TYPE spoolscan_scan_duration_seconds histogram
            spoolscan_scan_duration_seconds_bucket{role="daemon",le="1"} 0
            spoolscan_scan_duration_seconds_bucket{role="daemon",le="5"} 1
            spoolscan_scan_duration_seconds_bucket{role="daemon",le="+Inf"} 1
            spoolscan_scan_duration_seconds_sum{role="daemon"} 2.5
            spoolscan_scan_duration_seconds_count{role="daemon"} 1
            # HELP spoolscan_findings_total Findings not suppressed in finished reports, by kind and severity.
            # TYPE spoolscan_findings_total counter
            spoolscan_findings_total{role="daemon",kind="vulnerability",severity="CRITICAL"} 1
            spoolscan_findings_total{role="daemon",kind="vulnerability",severity="HIGH"} 1
            spoolscan_findings_total{role="daemon",kind="vulnerability",severity="MEDIUM"} 0
            spoolscan_findings_total{role="daemon",kind="vulnerability",severity="LOW"} 0
            spoolscan_findings_total{role="daemon",kind="vulnerability",severity="NEGLIGIBLE"} 0
            spoolscan_findings_total{role="daemon",kind="vulnerability",severity="UNKNOWN"} 0
            spoolscan_findings_total{role="daemon",kind="secret",severity="CRITICAL"} 0
            spoolscan_findings_total{role="daemon",kind="secret",severity="HIGH"} 1
            spoolscan_findings_total{role="daemon",kind="secret",severity="MEDIUM"} 0
            spoolscan_findings_total{role="daemon",kind="secret",severity="LOW"} 0
            spoolscan_findings_total{role="daemon",kind="secret",severity="NEGLIGIBLE"} 0
            spoolscan_findings_total{role="daemon",kind="secret",severity="UNKNOWN"} 0
            spoolscan_findings_total{role="daemon",kind="malware",severity="none"} 1
            spoolscan_findings_total{role="daemon",kind="misconfiguration",severity="CRITICAL"} 0
            spoolscan_findings_total{role="daemon",kind="misconfiguration",severity="HIGH"} 0
            spoolscan_findings_total{role="daemon",kind="misconfiguration",severity="MEDIUM"} 1
            spoolscan_findings_total{role="daemon",kind="misconfiguration",severity="LOW"} 0
            spoolscan_findings_total{role="daemon",kind="misconfiguration",severity="NEGLIGIBLE"} 0
            spoolscan_findings_total{role="daemon",kind="misconfiguration",severity="UNKNOWN"} 0
            # HELP spoolscan_verdicts_total Policy verdicts of finished jobs (none: no policy evaluated).
            # TYPE spoolscan_verdicts_total counter
            spoolscan_verdicts_total{role="daemon",result="pass"} 0
            spoolscan_verdicts_total{role="daemon",result="fail"} 1
            spoolscan_verdicts_total{role="daemon",result="none"} 1
            # HELP spoolscan_database_built_timestamp_seconds When the advisory database used for the newest report was built, in seconds since the epoch.
            # TYPE spoolscan_database_built_timestamp_seconds gauge
            spoolscan_database_built_timestamp_seconds{role="daemon"} 1795651200
            # HELP spoolscan_database_age_seconds Age of the advisory database in seconds.
            # TYPE spoolscan_database_age_seconds gauge
            spoolscan_database_age_seconds{role="daemon"} 3600
            # HELP spoolscan_notification_hook_runs_total Notification hook runs by result.
            # TYPE spoolscan_notification_hook_runs_total counter
            spoolscan_notification_hook_runs_total{role="daemon",result="succeeded"} 0
            spoolscan_notification_hook_runs_total{role="daemon",result="failed"} 0
            spoolscan_notification_hook_runs_total{role="daemon",result="timed_out"} 0
            spoolscan_notification_hook_runs_total{role="daemon",result="not_started"} 0
            spoolscan_notification_hook_runs_total{role="daemon",result="dropped"} 0

            """
        #expect(text == expected)
    }

    @Test func escapesLabelValuesAndHelpText() {
        #expect(PrometheusText.escapeLabelValue("a\"b\\c\nd") == #"a\"b\\c\nd"#)
        #expect(PrometheusText.escapeHelp("x \\ \"y\"\nz") == #"x \\ "y"\nz"#)
        var text = PrometheusText(constantLabels: [("spool", "/var/spool/\"odd\"")])
        text.family("m", .gauge, help: "h")
        text.sample("m", [("path", "C:\\tmp\nx")], 1.25)
        #expect(text.text == "# HELP m h\n# TYPE m gauge\nm{spool=\"/var/spool/\\\"odd\\\"\",path=\"C:\\\\tmp\\nx\"} 1.25\n")
    }

    @Test func histogramBucketsAreCumulativeEndingInInf() {
        var histogram = DurationHistogram(bounds: [10, 0.5, 1])
        for seconds in [0.3, 0.5, 1, 7, 5000] { histogram.observe(seconds) }
        histogram.observe(-1)
        histogram.observe(.nan)
        #expect(histogram.bounds == [0.5, 1, 10])
        #expect(histogram.bucketCounts == [2, 1, 1])
        var text = PrometheusText()
        text.histogram("d", [], histogram)
        #expect(text.text == """
            d_bucket{le="0.5"} 2
            d_bucket{le="1"} 3
            d_bucket{le="10"} 4
            d_bucket{le="+Inf"} 5
            d_sum 5008.8
            d_count 5

            """)
    }

    @Test func formatsSampleValues() {
        #expect(PrometheusText.format(3) == "3")
        #expect(PrometheusText.format(-2) == "-2")
        #expect(PrometheusText.format(0.25) == "0.25")
        #expect(PrometheusText.format(.infinity) == "+Inf")
        #expect(PrometheusText.format(-.infinity) == "-Inf")
        #expect(PrometheusText.format(.nan) == "NaN")
        #expect(Double(PrometheusText.format(1e20)) == 1e20)
    }

    @Test func countsHookRunsAndKeepsTheNewestDatabase() {
        let metrics = Self.metrics()
        metrics.recordHook(HookOutcome(job: "a", result: .timedOut, detail: "", stderrLastLine: "", durationMs: 1))
        var older = ActionsFixtures.report(name: "c.tar", databaseBuiltAt: "2026-01-01T00:00:00Z")
        older.verdict = nil
        metrics.recordFinished(JobNotice(report: older, state: .quarantine, spool: "/s", artifactPath: "", reportPath: ""))
        let snapshot = metrics.snapshot()
        #expect(snapshot.hookRuns[.timedOut] == 1)
        #expect(snapshot.databaseBuiltAt == Self.built)
        #expect(snapshot.verdicts == ["pass": 0, "fail": 1, "none": 2])
        #expect(snapshot.finished[.init(result: "quarantine", code: "")] == 1)
        #expect(snapshot.version == 4)
    }
}
