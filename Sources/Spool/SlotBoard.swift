import Foundation
import SpoolscanCore

/// One scanner slot as shown by `spoolscan status`.
public struct SlotStatus: Codable, Sendable, Equatable {
    public var index: Int
    /// The job's name while Busy; nil while Free.
    public var job: String?
    public var attempt: Int?
    public var startedAt: String?
    public var startedAtNs: Int64?
    public var scannerPid: Int32?

    public var isBusy: Bool { job != nil }
}

/// The slots file one worker process keeps up to date: `.state/slots.json` for the daemon,
/// `.state/slots.sweep-PID.json` for a sweep (removed when it exits).
public struct SlotsFile: Codable, Sendable, Equatable {
    public var owner: ProcessIdentity
    /// `daemon` or `sweep`.
    public var role: String
    public var updatedAt: String
    public var slots: [SlotStatus]
}

/// The scanner pool's slots: which are Free or Busy, written atomically on every change.
final class SlotBoard: @unchecked Sendable {
    private let lock = NSLock()
    private var file: SlotsFile
    let path: String

    init(layout: SpoolLayout, role: String, count: Int) {
        path = role == "daemon" ? "\(layout.state)/slots.json" : "\(layout.state)/slots.sweep-\(getpid()).json"
        file = SlotsFile(owner: .current, role: role, updatedAt: Timestamp.rfc3339(ns: Timestamp.nowNs()),
                         slots: (0..<count).map { SlotStatus(index: $0) })
        publish()
    }

    private var reserved: Set<Int> = []

    var freeCount: Int { lock.withLock { file.slots.count - reserved.count } }

    /// Takes a free slot (still shown Free until ``busy(_:job:attempt:pid:)``).
    func acquire() -> Int? {
        lock.withLock {
            guard let index = file.slots.indices.first(where: { !reserved.contains($0) }) else { return nil }
            reserved.insert(index)
            return index
        }
    }

    func busy(_ index: Int, job: String, attempt: Int, pid: Int32) {
        lock.withLock {
            let now = Timestamp.nowNs()
            file.slots[index] = SlotStatus(index: index, job: job, attempt: attempt,
                                           startedAt: Timestamp.rfc3339(ns: now), startedAtNs: now, scannerPid: pid)
        }
        publish()
    }

    /// Shows the slot Free (the scanner ended) but keeps it reserved.
    func idle(_ index: Int) {
        lock.withLock { file.slots[index] = SlotStatus(index: index) }
        publish()
    }

    /// Frees the slot; the file is written only when it showed the slot Busy (after
    /// ``idle(_:)`` it already shows it Free).
    func release(_ index: Int) {
        let changed = lock.withLock {
            reserved.remove(index)
            let wasBusy = file.slots[index].isBusy
            file.slots[index] = SlotStatus(index: index)
            return wasBusy
        }
        if changed { publish() }
    }

    /// Deletes the slots file (a sweep at exit).
    func remove() { FileOps.remove(path) }

    private func publish() {
        lock.withLock {
            file.updatedAt = Timestamp.rfc3339(ns: Timestamp.nowNs())
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            if let data = try? encoder.encode(file) { _ = try? FileOps.write(data, to: path, durable: false) }
        }
    }
}
