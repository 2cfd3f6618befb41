import Foundation
import SpoolscanCore

/// Checks that a spool is there before a command that only reads it (`status`, `rematch`) looks
/// inside, so a wrong `--spool` is one `HNDL-009` line that says what is missing.
enum SpoolPresence {
    /// Throws `HNDL-009` when `root` is not a folder or lacks one of `folders` (`watch` and
    /// `sweep` create a spool's folders; these commands do not).
    static func require(_ root: String, folders: [String]) throws(SpoolscanError) {
        guard isFolder(root) else { throw SpoolscanError(.spoolInvalid, "no spool at \(root) (no such folder)") }
        let missing = folders.filter { !isFolder((root as NSString).appendingPathComponent($0)) }
        guard missing.isEmpty else {
            throw SpoolscanError(.spoolInvalid, "\(root) has no \(missing.map { $0 + "/" }.joined(separator: ", ")) "
                                 + "(watch and sweep create a spool's folders)")
        }
    }

    private static func isFolder(_ path: String) -> Bool {
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
    }
}
