import Foundation
import SpoolscanCore

/// Removes finished jobs older than a number of days from `done/`, `error/` and `quarantine/`
/// (when it exists). `pending/`, `in-progress/` and `parsing/` are never looked at.
///
/// A job is its artifact `NAME` with its sidecars (``FinishedFiles/sidecarSuffixes``); they are
/// removed together, the artifact first and the record that dates the job last, so an
/// interrupted run is finished by the next one. A job's age is taken from:
/// - `createdAt` of `NAME.report.json` (when the scan ran) in `done/` and `quarantine/`;
/// - `failedAt` of `NAME.error.json` in `error/`;
/// - otherwise (no record, or one that cannot be read) the newest change time (`ctime`) of the
///   job's files, which a rename into the folder updates, so a job being moved in right now is
///   never taken for an old one.
/// File modification times are not used: a nightly `rematch` rewrites every report, and an
/// artifact keeps the modification time its producer gave it.
public struct Retention: Sendable {
    /// Jobs older than this many days go; must be positive.
    public let maxAgeDays: Double
    public let layout: SpoolLayout

    /// Throws `CONF-001` unless `maxAgeDays` is a positive number.
    public init(layout: SpoolLayout, maxAgeDays: Double) throws(SpoolscanError) {
        guard maxAgeDays.isFinite, maxAgeDays > 0 else {
            throw SpoolscanError(.configInvalid, "retention needs a positive number of days, not \(maxAgeDays)")
        }
        self.layout = layout
        self.maxAgeDays = maxAgeDays
    }

    /// Removes the jobs older than ``maxAgeDays`` at `now` (seconds since the epoch) and returns
    /// them; with `dryRun` only returns them.
    public func apply(now: Double = Date().timeIntervalSince1970, dryRun: Bool = false) -> RetentionResult {
        var result = RetentionResult()
        let limit = now - maxAgeDays * 86_400
        for folderName in FinishedFiles.folders {
            let folder = "\(layout.root)/\(folderName)"
            guard let entries = try? FileOps.list(folder) else { continue }
            for job in Self.group(entries.map(\.name).filter { !$0.hasPrefix(".") }, folder: folderName) {
                let (finishedAt, source) = age(of: job, in: folder, recordSuffix: FinishedFiles.recordSuffix(inFolder: folderName))
                guard finishedAt < limit else { continue }
                var removed = RetentionResult.RemovedJob(folder: folderName, name: job.name, files: [],
                                                         finishedAt: finishedAt, ageSource: source)
                for file in job.files {
                    let path = "\(folder)/\(file)"
                    if dryRun || unlink(path) == 0 || errno == ENOENT {
                        removed.files.append(file)
                    } else {
                        result.failures.append(SystemCallError("unlink", path).description)
                    }
                }
                result.removed.append(removed)
            }
        }
        return result
    }

    /// One finished job's files in a folder, in removal order.
    struct Job: Equatable {
        var name: String
        var files: [String]
    }

    /// Groups a folder's names into jobs. A job is anchored by its record (`NAME.report.json`, or
    /// `NAME.error.json` in `error/`) and takes `NAME` and `NAME`'s other sidecars; a name whose
    /// own record exists is an artifact, never another job's sidecar. Names left over (an artifact
    /// without record, a stray sidecar) are jobs of their own.
    static func group(_ names: [String], folder: String) -> [Job] {
        let present = Set(names)
        let recordSuffix = FinishedFiles.recordSuffix(inFolder: folder)
        let anchors = names.filter { $0.hasSuffix(recordSuffix) }.compactMap(FinishedFiles.artifactName(ofSidecar:))
        let anchored = Set(anchors)
        var claimed: Set<String> = []
        var jobs: [Job] = []
        for name in anchors.sorted() {
            var files: [String] = []
            if present.contains(name) { files.append(name) }
            for suffix in FinishedFiles.sidecarSuffixes where suffix != recordSuffix {
                let sidecar = name + suffix
                if present.contains(sidecar) && !anchored.contains(sidecar) && !claimed.contains(sidecar) {
                    files.append(sidecar)
                }
            }
            files.append(name + recordSuffix)
            files = files.filter { !claimed.contains($0) }
            claimed.formUnion(files)
            jobs.append(Job(name: name, files: files))
        }
        for name in names.sorted() where !claimed.contains(name) {
            jobs.append(Job(name: FinishedFiles.artifactName(ofSidecar: name) ?? name, files: [name]))
        }
        return jobs
    }

    /// When a job finished and where that came from.
    private func age(of job: Job, in folder: String, recordSuffix: String) -> (Double, RetentionResult.AgeSource) {
        if let record = job.files.last, record == job.name + recordSuffix,
           let data = FileOps.read("\(folder)/\(record)"),
           let stamps = try? JSONDecoder().decode(RecordTimes.self, from: data),
           let text = stamps.failedAt ?? stamps.createdAt, let seconds = RFC3339.seconds(text) {
            return (seconds, stamps.failedAt != nil ? .errorRecord : .report)
        }
        let newest = job.files.compactMap { Self.changeTime("\(folder)/\($0)") }.max() ?? .infinity
        return (newest, .changeTime)
    }

    /// The two time stamps that date a record; everything else in it is skipped.
    private struct RecordTimes: Decodable {
        var createdAt: String?
        var failedAt: String?
    }

    /// `st_ctime` of a file in seconds since the epoch (the last change of its inode: a rename or
    /// link into the folder counts).
    static func changeTime(_ path: String) -> Double? {
        var info = Glibc.stat()
        guard Glibc.lstat(path, &info) == 0 else { return nil }
        return Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9
    }
}

/// What a retention pass removed.
public struct RetentionResult: Sendable, Equatable {
    /// Where a removed job's age came from.
    public enum AgeSource: String, Sendable {
        /// The report's `createdAt`.
        case report
        /// The error record's `failedAt`.
        case errorRecord = "error-record"
        /// The newest `ctime` of the job's files (no readable record).
        case changeTime = "ctime"
    }

    public struct RemovedJob: Sendable, Equatable {
        /// `done`, `error` or `quarantine`.
        public var folder: String
        public var name: String
        /// The files removed (or, in a dry run, that would be).
        public var files: [String]
        /// When the job finished, in seconds since the epoch.
        public var finishedAt: Double
        public var ageSource: AgeSource
    }

    public var removed: [RemovedJob] = []
    /// Files that could not be removed (`unlink PATH: reason`).
    public var failures: [String] = []

    /// One line for the sweep's summary, e.g. `retention (30 days): removed 2 jobs (7 files):
    /// done 1, error 1; 0 failures`.
    public func summary(maxAgeDays: Double, dryRun: Bool = false) -> String {
        let days = maxAgeDays == maxAgeDays.rounded() ? String(Int(maxAgeDays)) : String(maxAgeDays)
        let perFolder = FinishedFiles.folders.compactMap { folder -> String? in
            let count = removed.filter { $0.folder == folder }.count
            return count > 0 ? "\(folder) \(count)" : nil
        }
        let files = removed.map(\.files.count).reduce(0, +)
        return "retention (\(days) days): \(dryRun ? "would remove" : "removed") \(removed.count) jobs (\(files) files)"
            + (perFolder.isEmpty ? "" : ": " + perFolder.joined(separator: ", ")) + "; \(failures.count) failures"
    }
}
