import Foundation
import SpoolscanCore

/// What happens to something in `pending/` that is not a regular file: a directory, a symbolic
/// link, a FIFO, a socket or a device node. It is moved, as it is, into `error/` with an error
/// record `HNDL-010` naming its kind: a symlink is never followed (inside or outside the spool),
/// a FIFO is never opened, a directory is not taken for an OCI layout (drop layouts as a tar).
struct NonRegularDrop {
    let layout: SpoolLayout
    let clock: any SpoolClock

    /// Moves `pending/name` into `error/` under a free name with its error record; returns that name.
    func reject(_ name: String, _ stat: FileStat) throws(SpoolscanError) -> String {
        let work = "\(layout.work)/.reject-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileOps.makeDirectory(work)
        defer { FileOps.removeTree(work) }
        let sidecar = "\(work)/error.json"
        let now = clock.nowNs()
        let base = SpoolName.fitting(name, reserve: SpoolName.resultReserve)
        let message = "\(stat.kind) in pending/ is not an artifact (moved as it is, never followed or opened)"
        for index in 0..<100_000 {
            let candidate = index == 0 ? base : "\(base).\(index)"
            let target = "\(layout.error)/\(candidate)"
            if FileOps.lstat(target + SpoolLayout.errorSuffix) != nil { continue }
            let record = ErrorRecord(
                name: candidate, originalName: candidate == name ? nil : name, code: ErrorCode.notRegularFile.code,
                message: message, attempts: 0, retriesExhausted: false, receivedAt: Timestamp.rfc3339(ns: now),
                failedAt: Timestamp.rfc3339(ns: now), history: [])
            try FileOps.write(try ErrorRecord.encode(record), to: sidecar, durable: true)
            switch try FileOps.renameNoReplace("\(layout.pending)/\(name)", target) {
            case .renamed: break
            case .targetExists: continue
            case .sourceGone: throw SystemCallError("rename", "\(layout.pending)/\(name)", ENOENT).spoolscanError
            }
            let linked: Bool
            do { linked = try FileOps.link(sidecar, target + SpoolLayout.errorSuffix) } catch { linked = false }
            guard linked else {
                // The sidecar name was taken meanwhile: put the entry back and try the next name.
                _ = try? FileOps.renameNoReplace(target, "\(layout.pending)/\(name)")
                continue
            }
            try FileOps.syncDirectory(layout.error)
            try FileOps.syncDirectory(layout.pending)
            return candidate
        }
        throw SystemCallError("rename", "\(layout.pending)/\(name)", EEXIST).spoolscanError
    }
}
