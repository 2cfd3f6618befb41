import Foundation
import SpoolscanCore

/// What `spoolscan status --queue URL` shows, read from the shared ledger: every host's slots
/// (Free/Busy), the queue in order, and recent errors.
public struct QueueStatus: Codable, Sendable {
    public struct Slot: Codable, Sendable, Equatable {
        /// `Busy` or `Free`.
        public var state: String
        public var job: String?
        public var token: Int64?
        public var claimedAt: String?
        public var leaseUntil: String?
    }

    public struct Host: Codable, Sendable, Equatable {
        public var host: String
        public var instance: String
        public var startedAt: String
        public var seenAt: String
        /// Not heard from for more than three heartbeats' worth of the default lease (90 s).
        public var stale: Bool
        public var slots: [Slot]
    }

    public struct QueueEntry: Codable, Sendable, Equatable {
        public var position: Int
        public var name: String
        public var receivedAt: String
        public var attempts: Int
        public var notBefore: String?
    }

    public struct RecentError: Codable, Sendable, Equatable {
        public var name: String
        public var code: String?
        public var message: String?
        public var failedAt: String?
    }

    /// Jobs per state: `pending`, `running`, `done`, `quarantine`, `error`, `gone`.
    public var counts: [String: Int]
    public var hosts: [Host]
    public var queue: [QueueEntry]
    public var recentErrors: [RecentError]

    /// Reads the ledger (schema checked, never migrated by a status call); `queueLimit` caps the
    /// queue listing.
    public static func collect(_ url: QueueURL, queueLimit: Int = 100, errorLimit: Int = 10) throws -> QueueStatus {
        let db = try PGConnection(url: url.value, application: "spoolscan status")
        let version = Int(try db.exec("SELECT coalesce(max(version), 0) AS v FROM spoolscan_schema").int(0, "v") ?? 0)
        guard version == LedgerSchema.current else {
            throw SpoolscanError(.queueSchema, "the queue database has schema version \(version); this spoolscan reads \(LedgerSchema.current)")
        }
        let time = "to_char(%@ AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
        func ts(_ column: String) -> String { time.replacingOccurrences(of: "%@", with: column) }
        var counts = Dictionary(uniqueKeysWithValues: ["pending", "running", "done", "quarantine", "error", "gone"].map { ($0, 0) })
        let countRows = try db.exec("SELECT state, count(*) AS n FROM spoolscan_jobs GROUP BY state")
        for row in countRows.rows.indices { counts[countRows.value(row, "state") ?? "?"] = Int(countRows.int(row, "n") ?? 0) }

        let running = try db.exec("""
            SELECT owner_host, name, token, \(ts("claimed_at")) AS claimed, \(ts("lease_until")) AS lease
            FROM spoolscan_jobs WHERE state = 'running' ORDER BY claimed_at
            """)
        let hostRows = try db.exec("""
            SELECT host, instance, slots, \(ts("started_at")) AS started, \(ts("seen_at")) AS seen,
                seen_at < clock_timestamp() - interval '90 seconds' AS stale
            FROM spoolscan_hosts ORDER BY host
            """)
        let hosts = hostRows.rows.indices.map { row -> Host in
            let name = hostRows.value(row, "host") ?? ""
            var slots = running.rows.indices.filter { running.value($0, "owner_host") == name }.map { job in
                Slot(state: "Busy", job: running.value(job, "name"), token: running.int(job, "token"),
                     claimedAt: running.value(job, "claimed"), leaseUntil: running.value(job, "lease"))
            }
            let total = Int(hostRows.int(row, "slots") ?? 0)
            if slots.count < total { slots += Array(repeating: Slot(state: "Free"), count: total - slots.count) }
            return Host(host: name, instance: hostRows.value(row, "instance") ?? "", startedAt: hostRows.value(row, "started") ?? "",
                        seenAt: hostRows.value(row, "seen") ?? "", stale: hostRows.value(row, "stale") == "t", slots: slots)
        }
        let pending = try db.exec("""
            SELECT name, counted, \(ts("received_at")) AS received, \(ts("not_before")) AS not_before
            FROM spoolscan_jobs WHERE state = 'pending' ORDER BY received_at, id LIMIT $1
            """, ["\(queueLimit)"])
        let queue = pending.rows.indices.map { row in
            QueueEntry(position: row + 1, name: pending.value(row, "name") ?? "", receivedAt: pending.value(row, "received") ?? "",
                       attempts: Int(pending.int(row, "counted") ?? 0), notBefore: pending.value(row, "not_before"))
        }
        let errors = try db.exec("""
            SELECT coalesce(final_name, name) AS name, code, message, \(ts("finished_at")) AS failed
            FROM spoolscan_jobs WHERE state = 'error' ORDER BY finished_at DESC LIMIT $1
            """, ["\(errorLimit)"])
        let recent = errors.rows.indices.map { row in
            RecentError(name: errors.value(row, "name") ?? "", code: errors.value(row, "code"),
                        message: errors.value(row, "message"), failedAt: errors.value(row, "failed"))
        }
        return QueueStatus(counts: counts, hosts: hosts, queue: queue, recentErrors: recent)
    }

    /// The text `status --queue` prints.
    public func text() -> String {
        var lines: [String] = []
        let order = ["pending", "running", "done", "quarantine", "error", "gone"]
        lines.append("jobs: " + order.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("hosts:")
        for host in hosts {
            let busy = host.slots.filter { $0.state == "Busy" }.count
            lines.append("  \(host.host)\(host.stale ? " (stale)" : "") — \(busy) Busy, \(host.slots.count - busy) Free, seen \(host.seenAt)")
            for (index, slot) in host.slots.enumerated() where slot.state == "Busy" {
                lines.append("    slot \(index): Busy \(slot.job ?? "?") (attempt \(slot.token ?? 0), lease until \(slot.leaseUntil ?? "?"))")
            }
        }
        lines.append("queue (\(counts["pending"] ?? 0) pending):")
        for entry in queue {
            let wait = entry.notBefore.map { ", not before \($0)" } ?? ""
            lines.append("  \(entry.position). \(entry.name) received \(entry.receivedAt), attempts \(entry.attempts)\(wait)")
        }
        lines.append("recent errors:")
        for error in recentErrors {
            lines.append("  \(error.name) \(error.code ?? "-") \(error.message ?? "") at \(error.failedAt ?? "?")")
        }
        return lines.joined(separator: "\n")
    }
}
