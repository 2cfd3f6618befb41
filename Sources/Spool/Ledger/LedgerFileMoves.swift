import Foundation

/// The file moves the shared ledger asks for while it holds a job's row lock: the claimer's
/// rename into `in-progress/`, and a rescuer's putting back of a job whose lease expired.
struct LedgerFileMoves: Sendable {
    let layout: SpoolLayout

    /// Renames `pending/NAME` to `in-progress/NAME` if it is still the registered file.
    func claim(_ job: LedgerJob) -> ClaimMove {
        let source = "\(layout.pending)/\(job.name)"
        if let stat = FileOps.lstat(source), isJobFile(stat, job) {
            switch try? FileOps.renameNoReplace(source, "\(layout.inProgress)/\(job.name)") {
            case .renamed: return .claimed
            case .targetExists, nil: return .nameBusy
            case .sourceGone: break  // Taken meanwhile: look where it went.
            }
        }
        if let stat = FileOps.lstat("\(layout.inProgress)/\(job.name)"), isJobFile(stat, job) { return .takenOver }
        if let (state, name) = Finalizer(layout: layout).findFinished(job.inode) { return .finished(state, name) }
        return .gone
    }

    /// Puts a job whose owner lost its lease back in `pending/` (from `in-progress/`, or where a
    /// claimer left it before its rename), or reports it finished or gone.
    func rescue(_ job: LedgerJob) -> RescueMove {
        if let stat = FileOps.lstat("\(layout.inProgress)/\(job.name)"), isJobFile(stat, job),
           let name = try? Claim.move(layout, name: job.name, from: .inProgress, to: .pending) {
            return .requeued(name)
        }
        if let stat = FileOps.lstat("\(layout.pending)/\(job.name)"), isJobFile(stat, job) { return .requeued(job.name) }
        if let (state, name) = Finalizer(layout: layout).findFinished(job.inode) { return .finished(state, name) }
        return .gone
    }

    private func isJobFile(_ stat: FileStat, _ job: LedgerJob) -> Bool {
        stat.isRegular && stat.inode == job.inode && stat.size == job.size && stat.mtimeNs == job.mtimeNs
    }
}
