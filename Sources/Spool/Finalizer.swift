import Foundation

/// Moves a finished artifact into `done/` or `error/` with its sidecar, never replacing a file.
///
/// A name is reserved with `link()` (which fails with EEXIST — no exists-then-rename race): the
/// artifact is linked as `NAME`, else `NAME.1`, `NAME.2`, …; then the sidecar is linked as
/// `NAME.report.json` / `NAME.error.json`; then the old names are unlinked. A crash in between
/// leaves the artifact with two links, which recovery completes or undoes.
struct Finalizer {
    let layout: SpoolLayout

    /// Links `from/name` into `to` under a free name and returns that name.
    func reserve(from: JobState, name: String, to: JobState, suffix: String) throws -> String {
        let source = "\(layout.folder(from))/\(name)"
        for index in 0..<100_000 {
            let candidate = index == 0 ? name : "\(name).\(index)"
            let target = "\(layout.folder(to))/\(candidate)"
            if FileOps.lstat(target + suffix) != nil { continue }
            do {
                try FileOps.link(source, target)
                return candidate
            } catch let error as SystemCallError where error.code == EEXIST {
                continue
            }
        }
        throw SystemCallError("link", source, EEXIST)
    }

    /// Links the sidecar next to the reserved name; false if that sidecar name was taken meanwhile
    /// (the reservation is then undone and the caller reserves again).
    func commit(sidecar: String, to: JobState, name: String, suffix: String) throws -> Bool {
        do {
            try FileOps.link(sidecar, "\(layout.folder(to))/\(name)\(suffix)")
            return true
        } catch let error as SystemCallError where error.code == EEXIST {
            unreserve(to: to, name: name)
            return false
        }
    }

    /// Removes a reserved name again.
    func unreserve(to: JobState, name: String) {
        FileOps.remove("\(layout.folder(to))/\(name)")
    }

    /// Drops the old name once the new names are durable.
    func complete(from: JobState, name: String, to: JobState) throws {
        try FileOps.syncDirectory(layout.folder(to))
        FileOps.remove("\(layout.folder(from))/\(name)")
        try FileOps.syncDirectory(layout.folder(from))
    }

    /// The name under which `inode` sits in `done/` or `error/`, if it does (crash between link and unlink).
    func findFinished(_ inode: UInt64) -> (JobState, String)? {
        for state in [JobState.done, .error] {
            let entries = (try? FileOps.list(layout.folder(state))) ?? []
            if let entry = entries.first(where: { $0.inode == inode && !$0.name.hasPrefix(".") }) {
                return (state, entry.name)
            }
        }
        return nil
    }
}
