import Foundation
import SpoolscanCore

/// What `spoolscan status` shows: counts per state, the queue in order, the scanner slots of
/// each live worker, and recent errors.
public struct SpoolStatus: Codable, Sendable {
    /// A pending job in queue order.
    public struct QueueEntry: Codable, Sendable, Equatable {
        public var position: Int
        public var name: String
        /// Nil for a file no worker has received yet (still settling, or no worker running).
        public var receivedAt: String?
        public var attempts: Int
    }

    /// A job in `error/`.
    public struct RecentError: Codable, Sendable, Equatable {
        public var name: String
        public var code: String
        public var message: String
        public var failedAt: String
    }

    public var spool: String
    /// Jobs per state folder (`pending`, `in-progress`, `parsing`, `done`, `error`, `quarantine`).
    public var counts: [String: Int]
    /// Reports in `done/` and `quarantine/` by the policy's verdict: `pass`, `fail`, and `none`
    /// for reports without a verdict.
    public var verdicts: [String: Int]
    /// Files still being written (dot-files and `*.part` in `pending/`, files in `tmp/`).
    public var incoming: Int
    public var queue: [QueueEntry]
    /// Live workers (the daemon, running sweeps) and their slots.
    public var workers: [SlotsFile]
    public var recentErrors: [RecentError]

    /// Reads the spool's folders and state files; changes nothing.
    public static func collect(_ layout: SpoolLayout, errorLimit: Int = 10) throws(SpoolscanError) -> SpoolStatus {
        var counts: [String: Int] = [:]
        var incoming = 0
        var pending: [(String, FileStat)] = []
        for state in JobState.allCases {
            let entries = try FileOps.list(layout.folder(state))
            let names = Set(entries.map(\.name))
            var count = 0
            for entry in entries {
                if entry.name.hasPrefix(".") || SpoolLayout.isSidecar(entry.name, in: state, among: names) {
                    if state == .pending && entry.name != ".gitkeep" { incoming += 1 }
                    continue
                }
                if state == .pending && !SpoolLayout.isCandidate(entry.name) { incoming += 1; continue }
                count += 1
                if state == .pending, let stat = FileOps.lstat("\(layout.pending)/\(entry.name)") {
                    pending.append((entry.name, stat))
                }
            }
            counts[state.rawValue] = count
        }
        incoming += ((try? FileOps.list(layout.tmp)) ?? []).filter { $0.name != ".gitkeep" }.count

        var verdicts = ["pass": 0, "fail": 0, "none": 0]
        for state in [JobState.done, .quarantine] {
            let folder = layout.folder(state)
            for entry in (try? FileOps.list(folder)) ?? []
            where !entry.name.hasPrefix(".") && entry.name.hasSuffix(SpoolLayout.reportSuffix) {
                if let verdict = ReportVerdict.read("\(folder)/\(entry.name)") { verdicts[verdict, default: 0] += 1 }
            }
        }

        let receipts = Receipts(layout: layout)
        let ordered = pending.map { ($0.0, receipts.record(for: $0.1)) }.sorted { lhs, rhs in
            (lhs.1?.receivedAtNs ?? Int64.max, lhs.0) < (rhs.1?.receivedAtNs ?? Int64.max, rhs.0)
        }
        let queue = ordered.enumerated().map { index, item in
            QueueEntry(position: index + 1, name: item.0, receivedAt: item.1.map { Timestamp.rfc3339(ns: $0.receivedAtNs) },
                       attempts: item.1?.countedAttempts ?? 0)
        }

        var workers: [SlotsFile] = []
        for entry in (try? FileOps.list(layout.state)) ?? []
        where entry.name.hasPrefix("slots") && entry.name.hasSuffix(".json") {
            guard let data = FileOps.read("\(layout.state)/\(entry.name)"),
                  let file = try? JSONDecoder().decode(SlotsFile.self, from: data), file.owner.isAlive else { continue }
            workers.append(file)
        }
        workers.sort { ($0.role, $0.owner.pid) < ($1.role, $1.owner.pid) }

        var errors: [(Int64, RecentError)] = []
        for entry in (try? FileOps.list(layout.error)) ?? [] where entry.name.hasSuffix(SpoolLayout.errorSuffix) {
            let path = "\(layout.error)/\(entry.name)"
            guard let data = FileOps.read(path), let record = try? JSONDecoder().decode(ErrorRecord.self, from: data)
            else { continue }
            errors.append((FileOps.lstat(path)?.mtimeNs ?? 0,
                           RecentError(name: record.name, code: record.code, message: record.message,
                                       failedAt: record.failedAt)))
        }
        let recent = errors.sorted { $0.0 > $1.0 }.prefix(errorLimit).map(\.1)
        return SpoolStatus(spool: layout.root, counts: counts, verdicts: verdicts, incoming: incoming, queue: queue, workers: workers,
                           recentErrors: Array(recent))
    }

    /// The human-readable form.
    public func text(nowNs: Int64? = nil) -> String {
        let nowNs = nowNs ?? Timestamp.nowNs()
        var lines = ["Spool \(spool)"]
        let states = JobState.allCases.map { "\($0.displayName): \(counts[$0.rawValue] ?? 0)" }
        lines.append(states.joined(separator: "  ") + (incoming > 0 ? "  (incoming: \(incoming))" : ""))
        lines.append("Verdicts: pass \(verdicts["pass"] ?? 0)  fail \(verdicts["fail"] ?? 0)"
                     + ((verdicts["none"] ?? 0) > 0 ? "  none \(verdicts["none"] ?? 0)" : ""))
        if workers.isEmpty { lines.append("Workers: none running") }
        for worker in workers {
            lines.append("\(worker.role) pid \(worker.owner.pid):")
            for slot in worker.slots {
                if let job = slot.job, let started = slot.startedAtNs {
                    let elapsed = Double(nowNs - started) / 1e9
                    lines.append("  slot \(slot.index): Busy  \(job)  attempt \(slot.attempt ?? 1)  "
                                 + String(format: "%.1f s", elapsed))
                } else {
                    lines.append("  slot \(slot.index): Free")
                }
            }
        }
        lines.append("Queue (\(queue.count)):")
        for entry in queue.prefix(50) {
            let attempts = entry.attempts > 0 ? "  attempts \(entry.attempts)" : ""
            lines.append("  \(entry.position). \(entry.name)  \(entry.receivedAt ?? "not received yet")\(attempts)")
        }
        if queue.count > 50 { lines.append("  … \(queue.count - 50) more") }
        lines.append("Recent errors (\(recentErrors.count)):")
        for error in recentErrors {
            lines.append("  \(error.failedAt)  \(error.name)  \(error.code): \(error.message)")
        }
        return lines.joined(separator: "\n")
    }
}
