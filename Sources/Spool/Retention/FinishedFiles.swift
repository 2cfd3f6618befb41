/// The files a finished job leaves in `done/`, `error/` or `quarantine/`: the artifact `NAME` and
/// its sidecars `NAME.report.json`, `NAME.error.json`, `NAME.cdx.json`, `NAME.spdx.json`,
/// `NAME.sarif`.
public enum FinishedFiles {
    /// The sidecar suffixes, the job's own record (report or error) first.
    public static let sidecarSuffixes = [".report.json", ".error.json", ".cdx.json", ".spdx.json", ".sarif"]

    /// The suffix of the record that carries a job's finish time in `folder`: `.error.json` in
    /// `error/`, `.report.json` elsewhere.
    public static func recordSuffix(inFolder folder: String) -> String {
        folder == "error" ? ".error.json" : ".report.json"
    }

    /// The artifact name a sidecar belongs to (`a.tar.cdx.json` → `a.tar`), or nil when `name` is
    /// not a sidecar.
    public static func artifactName(ofSidecar name: String) -> String? {
        for suffix in sidecarSuffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return nil
    }

    /// The artifacts among the names of a finished folder: not dot-files, and not sidecars unless
    /// the name has a record of its own (an artifact may itself be called `x.sarif`).
    public static func artifacts(among names: [String], folder: String) -> [String] {
        let present = Set(names)
        let record = recordSuffix(inFolder: folder)
        return names.filter { name in
            !name.hasPrefix(".") && (artifactName(ofSidecar: name) == nil || present.contains(name + record))
        }
    }

    /// The folders, relative to the spool root, whose jobs are finished. `quarantine` exists only
    /// when a policy moves failing artifacts there.
    public static let folders = ["done", "error", "quarantine"]
}
