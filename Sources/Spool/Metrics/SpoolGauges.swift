import Foundation
import SpoolscanCore

/// What the spool's folders and slot files say right now: jobs per state and scanner slots.
public struct SpoolGauges: Sendable, Equatable {
    /// Jobs per state folder (`pending`, `in-progress`, `parsing`, `done`, `error`, and
    /// `quarantine` when that folder exists).
    public var jobs: [String: Int]
    /// Scanner slots of every live worker (the daemon and running sweeps).
    public var slotsBusy: Int
    public var slotsTotal: Int

    public init(jobs: [String: Int], slotsBusy: Int, slotsTotal: Int) {
        self.jobs = jobs; self.slotsBusy = slotsBusy; self.slotsTotal = slotsTotal
    }

    /// Reads them through ``SpoolStatus/collect(_:errorLimit:)``; the finished folders (`done/`,
    /// `error/`, `quarantine/` when it exists) are counted here, artifacts only, so that sidecars
    /// such as `NAME.cdx.json` are not taken for jobs.
    public static func collect(_ layout: SpoolLayout) throws(SpoolscanError) -> SpoolGauges {
        let status = try SpoolStatus.collect(layout, errorLimit: 0)
        var jobs = status.counts
        for folder in FinishedFiles.folders {
            guard let entries = try? FileOps.list("\(layout.root)/\(folder)") else { continue }
            jobs[folder] = FinishedFiles.artifacts(among: entries.map(\.name), folder: folder).count
        }
        let slots = status.workers.flatMap(\.slots)
        return SpoolGauges(jobs: jobs, slotsBusy: slots.filter(\.isBusy).count, slotsTotal: slots.count)
    }
}
