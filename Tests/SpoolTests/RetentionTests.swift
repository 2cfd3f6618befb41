import Foundation
import ScanReport
@testable import Spool
import SpoolscanCore
import TestSupport
import Testing

@Suite struct RetentionTests {
    static let now = 1_795_651_200.0  // 2026-11-26T00:00:00Z, the fake clock
    static func stamp(daysAgo: Double) -> String {
        Timestamp.rfc3339(ns: Int64((now - daysAgo * 86_400) * 1e9))
    }

    /// Sets a file's access and modification times to `seconds` since the epoch.
    static func setMtime(_ path: String, _ seconds: Double) {
        var times = [timespec(tv_sec: Int(seconds), tv_nsec: 0), timespec(tv_sec: Int(seconds), tv_nsec: 0)]
        _ = utimensat(AT_FDCWD, path, &times, 0)
    }

    @Test func groupsAnArtifactWithItsSidecars() {
        let names = ["a.tar", "a.tar.report.json", "a.tar.cdx.json", "a.tar.sarif", "a.tar.spdx.json",
                     "b.sarif", "b.sarif.report.json", "c.tar.spdx.json", "d.tar"]
        let jobs = Retention.group(names, folder: "done")
        #expect(jobs == [
            Retention.Job(name: "a.tar", files: ["a.tar", "a.tar.cdx.json", "a.tar.spdx.json", "a.tar.sarif", "a.tar.report.json"]),
            Retention.Job(name: "b.sarif", files: ["b.sarif", "b.sarif.report.json"]),
            Retention.Job(name: "c.tar", files: ["c.tar.spdx.json"]),
            Retention.Job(name: "d.tar", files: ["d.tar"]),
        ])
        #expect(FinishedFiles.artifacts(among: names + [".x.tmp"], folder: "done") == ["a.tar", "b.sarif", "d.tar"])
        #expect(Retention.group(["x", "x.error.json", "x.report.json"], folder: "error") == [
            Retention.Job(name: "x", files: ["x", "x.report.json", "x.error.json"]),
        ])
    }

    @Test func removesOldFinishedJobsByTheirRecordedTimeOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let layout = SpoolLayout(root: dir.path)
        try layout.prepare()
        // Old and new jobs in done/, with sidecars; the old one's files have fresh mtimes (a
        // rematch rewrote its report), the new one's artifact an ancient mtime (kept by its producer).
        try ActionsFixtures.finishJob(spool: dir.path, folder: "done", name: "old.tar",
                                      report: ActionsFixtures.report(name: "old.tar", createdAt: Self.stamp(daysAgo: 40)))
        for suffix in [".cdx.json", ".spdx.json", ".sarif"] { ActionsFixtures.touch("\(layout.done)/old.tar\(suffix)") }
        try ActionsFixtures.finishJob(spool: dir.path, folder: "done", name: "new.tar",
                                      report: ActionsFixtures.report(name: "new.tar", createdAt: Self.stamp(daysAgo: 2)))
        Self.setMtime("\(layout.done)/new.tar", Self.now - 400 * 86_400)
        try ActionsFixtures.failJob(spool: dir.path, name: "bad.tar",
                                    record: ActionsFixtures.errorRecord(name: "bad.tar", failedAt: Self.stamp(daysAgo: 31)))
        try ActionsFixtures.failJob(spool: dir.path, name: "recent-bad.tar",
                                    record: ActionsFixtures.errorRecord(name: "recent-bad.tar", failedAt: Self.stamp(daysAgo: 29)))
        try ActionsFixtures.finishJob(spool: dir.path, folder: "quarantine", name: "q.tar",
                                      report: ActionsFixtures.report(name: "q.tar", createdAt: Self.stamp(daysAgo: 90)))
        // Jobs in flight, however old, are never touched; nor are dot-files.
        for path in ["\(layout.pending)/p.tar", "\(layout.inProgress)/i.tar", "\(layout.parsing)/r.tar",
                     "\(layout.parsing)/r.tar.report.json", "\(layout.done)/.old.tar.report.json.123.tmp"] {
            ActionsFixtures.touch(path)
            Self.setMtime(path, Self.now - 400 * 86_400)
        }

        let retention = try Retention(layout: layout, maxAgeDays: 30)
        let preview = retention.apply(now: Self.now, dryRun: true)
        #expect(preview.removed.map(\.name).sorted() == ["bad.tar", "old.tar", "q.tar"])
        #expect(FileManager.default.fileExists(atPath: "\(layout.done)/old.tar"), "a dry run removes nothing")

        let result = retention.apply(now: Self.now)
        #expect(result.failures.isEmpty)
        let removed = Dictionary(uniqueKeysWithValues: result.removed.map { ($0.name, $0) })
        #expect(removed.keys.sorted() == ["bad.tar", "old.tar", "q.tar"])
        #expect(removed["old.tar"]?.files == ["old.tar", "old.tar.cdx.json", "old.tar.spdx.json", "old.tar.sarif",
                                              "old.tar.report.json"])
        #expect(removed["old.tar"]?.ageSource == .report)
        #expect(removed["old.tar"]?.finishedAt == Self.now - 40 * 86_400)
        #expect(removed["bad.tar"]?.files == ["bad.tar", "bad.tar.error.json"])
        #expect(removed["bad.tar"]?.ageSource == .errorRecord)
        #expect(removed["q.tar"]?.folder == "quarantine")

        #expect(result.summary(maxAgeDays: 30) == "retention (30 days): removed 3 jobs (9 files): done 1, error 1, quarantine 1; 0 failures")
        #expect(preview.summary(maxAgeDays: 30, dryRun: true).hasPrefix("retention (30 days): would remove 3 jobs (9 files)"))

        func left(_ folder: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: folder).sorted() }
        #expect(try left(layout.done) == [".old.tar.report.json.123.tmp", "new.tar", "new.tar.report.json"])
        #expect(try left(layout.error) == ["recent-bad.tar", "recent-bad.tar.error.json"])
        #expect(try left("\(layout.root)/quarantine") == [])
        #expect(try left(layout.pending) == ["p.tar"])
        #expect(try left(layout.inProgress) == ["i.tar"])
        #expect(try left(layout.parsing) == ["r.tar", "r.tar.report.json"])
    }

    @Test func refusesAnAgeThatWouldRemoveEverything() {
        for days in [0, -1, Double.nan, .infinity] {
            #expect(throws: SpoolscanError.self) { try Retention(layout: SpoolLayout(root: "/s"), maxAgeDays: days) }
        }
    }

    @Test func aJobWithoutReadableRecordIsAgedByItsChangeTime() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let layout = SpoolLayout(root: dir.path)
        try layout.prepare()
        // Just moved in: an old mtime, but the rename gave it a fresh ctime.
        ActionsFixtures.touch("\(layout.done)/orphan.tar")
        Self.setMtime("\(layout.done)/orphan.tar", 0)
        try Data("not json".utf8).write(to: URL(fileURLWithPath: "\(layout.done)/broken.tar.report.json"))
        ActionsFixtures.touch("\(layout.done)/broken.tar")

        let realNow = Date().timeIntervalSince1970
        #expect(try Retention(layout: layout, maxAgeDays: 1).apply(now: realNow).removed.isEmpty)

        let later = try Retention(layout: layout, maxAgeDays: 1).apply(now: realNow + 2 * 86_400)
        #expect(later.removed.map(\.name).sorted() == ["broken.tar", "orphan.tar"])
        #expect(later.removed.allSatisfy { $0.ageSource == .changeTime })
        #expect(try FileManager.default.contentsOfDirectory(atPath: layout.done).isEmpty)
    }
}
