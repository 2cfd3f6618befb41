import Foundation
import SpoolscanCore

/// Moves a finished artifact into `done/`, `quarantine/` or `error/` with its sidecar, never replacing a file.
///
/// A name is reserved with `link()` (which fails with EEXIST — no exists-then-rename race): the
/// artifact is linked as `NAME`, else `NAME.1`, `NAME.2`, …; then the sidecar is linked as
/// `NAME.report.json` / `NAME.error.json`; then the old names are unlinked. A crash in between
/// leaves the artifact with two links, which recovery completes or undoes.
///
/// A name too long to carry `.N` and the sidecar suffix within 255 bytes is shortened first
/// (``SpoolName/fitting(_:reserve:)``: its first bytes, `~` and a hash of the whole name); the
/// full name stays in the report's or error record's `job.originalName` / `originalName`.
struct Finalizer {
    let layout: SpoolLayout

    /// Links `from/name` into `to` under a free name and returns that name.
    func reserve(from: JobState, name: String, to: JobState, suffix: String) throws(SpoolscanError) -> String {
        let source = "\(layout.folder(from))/\(name)"
        let base = SpoolName.fitting(name, reserve: SpoolName.resultReserve)
        for index in 0..<100_000 {
            let candidate = index == 0 ? base : "\(base).\(index)"
            let target = "\(layout.folder(to))/\(candidate)"
            if FileOps.lstat(target + suffix) != nil
                || Self.formatSuffixes.contains(where: { FileOps.lstat(target + $0) != nil }) { continue }
            if try FileOps.link(source, target) { return candidate }
        }
        throw SystemCallError("link", source, EEXIST).spoolscanError
    }

    /// The suffixes of the report's other formats (``ReportSidecar``), linked before the record.
    static let formatSuffixes = [".cdx.json", ".spdx.json", ".sarif"]

    /// Links the sidecar next to the reserved name — after `formats` (the report's other formats,
    /// `sidecar` + suffix), so a record in place means the whole job is; false if one of those
    /// names was taken meanwhile (the reservation is then undone and the caller reserves again).
    /// On any other failure the reservation is undone too, so no link is left behind.
    func commit(sidecar: String, to: JobState, name: String, suffix: String, formats: [String] = []) throws(SpoolscanError) -> Bool {
        do throws(SpoolscanError) {
            var linked = true
            for format in formats where linked {
                linked = try FileOps.link(sidecar + format, "\(layout.folder(to))/\(name)\(format)")
            }
            if linked, try FileOps.link(sidecar, "\(layout.folder(to))/\(name)\(suffix)") { return true }
            unreserve(to: to, name: name)
            return false
        } catch {
            unreserve(to: to, name: name)
            throw error
        }
    }

    /// Removes a reserved name again, with any of the report's other formats linked under it
    /// (only the holder of the name links them).
    func unreserve(to: JobState, name: String) {
        for format in Self.formatSuffixes { FileOps.remove("\(layout.folder(to))/\(name)\(format)") }
        FileOps.remove("\(layout.folder(to))/\(name)")
    }

    /// Drops the old name once the new names are durable.
    func complete(from: JobState, name: String, to: JobState) throws(SpoolscanError) {
        try FileOps.syncDirectory(layout.folder(to))
        FileOps.remove("\(layout.folder(from))/\(name)")
        try FileOps.syncDirectory(layout.folder(from))
    }

    /// The name under which `inode` sits in `done/`, `quarantine/` or `error/`, if it does (crash
    /// between link and unlink).
    func findFinished(_ inode: UInt64) -> (JobState, String)? {
        for state in [JobState.done, .quarantine, .error] {
            let entries = (try? FileOps.list(layout.folder(state))) ?? []
            if let entry = entries.first(where: { $0.inode == inode && !$0.name.hasPrefix(".") }) {
                return (state, entry.name)
            }
        }
        return nil
    }
}
