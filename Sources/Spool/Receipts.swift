import Foundation
import SpoolscanCore

/// Reads and writes job records (`.state/jobs/INODE.json`): receipts and attempt counts.
struct Receipts: Sendable {
    let layout: SpoolLayout

    func load(_ inode: UInt64) -> JobRecord? {
        guard let data = FileOps.read(layout.record(inode)) else { return nil }
        return try? JSONDecoder().decode(JobRecord.self, from: data)
    }

    /// The record of `stat`'s file, or nil when there is none or it belongs to an older file
    /// that had the same inode.
    func record(for stat: FileStat) -> JobRecord? {
        guard let record = load(stat.inode), record.matches(stat) else { return nil }
        return record
    }

    /// Writes a record; `durable` fsyncs file and folder (receipts and attempt counts must be).
    /// With `exclusive`, returns false (writing nothing) when a record exists.
    @discardableResult
    func save(_ record: JobRecord, durable: Bool = true, exclusive: Bool = false) throws(SpoolscanError) -> Bool {
        let data: Data
        do { data = try Self.encoder.encode(record) } catch {
            throw SpoolscanError(.internalError, "cannot encode the job record of inode \(record.inode): \(error)")
        }
        return try FileOps.write(data, to: layout.record(record.inode), durable: durable, exclusive: exclusive)
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// Returns the record for the file, writing a fresh receipt (fsynced) if it has none.
    ///
    /// The receipt is created exclusively (link, EEXIST if present), so two workers receiving the
    /// same file at once cannot overwrite a record the other has already added an attempt to.
    func receive(_ name: String, _ stat: FileStat, seenAtNs: Int64) throws(SpoolscanError) -> JobRecord {
        if let record = record(for: stat) { return record }
        let record = JobRecord(inode: stat.inode, size: stat.size, mtimeNs: stat.mtimeNs,
                               originalName: name, receivedAtNs: seenAtNs)
        if try !save(record, exclusive: true) {
            if let existing = self.record(for: stat) { return existing }
            try save(record)  // a stale record of an older file that had this inode
        }
        return record
    }

    func delete(_ inode: UInt64) {
        FileOps.remove(layout.record(inode))
    }

    /// Inodes that have a record.
    func allInodes() -> [UInt64] {
        ((try? FileOps.list(layout.jobs)) ?? []).compactMap { entry in
            guard entry.name.hasSuffix(".json"), !entry.name.hasPrefix(".") else { return nil }
            return UInt64(entry.name.dropLast(5))
        }
    }
}
