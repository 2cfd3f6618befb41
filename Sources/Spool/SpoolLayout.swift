import Foundation
import SpoolscanCore

/// A job's state, named by the folder its artifact sits in.
public enum JobState: String, Codable, Sendable, CaseIterable {
    case pending, inProgress = "in-progress", parsing, done, error
    /// Scanned, but the policy's verdict is `fail` (only with the quarantine setting).
    case quarantine

    /// The status text users see.
    public var displayName: String {
        switch self {
        case .pending: "Pending"
        case .inProgress: "In progress"
        case .parsing: "Parsing results"
        case .done: "Finished"
        case .error: "Error"
        case .quarantine: "Quarantined"
        }
    }
}

/// The folders and state files of one spool.
///
/// ```
/// SPOOL/pending/  in-progress/  parsing/  done/  error/  quarantine/   a job's state is its folder
/// SPOOL/tmp/                 producers write here, then rename into pending/
/// SPOOL/.lock                flock: one daemon per spool
/// SPOOL/.state/jobs/INODE.json    receipt + attempts of a job in flight (fsynced)
/// SPOOL/.state/locks/INODE.lock   flock held by whoever runs the job (and its scanner)
/// SPOOL/.state/work/INODE/        scanner output, stderr, final report being built
/// SPOOL/.state/slots*.json        scanner slots of each live worker process
/// ```
public struct SpoolLayout: Sendable {
    /// The spool's root folder (absolute).
    public let root: String

    /// The spool at `root` (relative paths are taken from the current folder).
    public init(root: String) {
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = (absolute as NSString).standardizingPath
    }

    /// The folder of a state.
    public func folder(_ state: JobState) -> String { "\(root)/\(state.rawValue)" }
    public var pending: String { folder(.pending) }
    public var inProgress: String { folder(.inProgress) }
    public var parsing: String { folder(.parsing) }
    public var done: String { folder(.done) }
    public var error: String { folder(.error) }
    public var quarantine: String { folder(.quarantine) }
    public var tmp: String { "\(root)/tmp" }
    /// The spool's own policy (`policy.yaml`), used by `watch` and `sweep` when no `--policy` is given.
    public var policyFile: String { "\(root)/policy.yaml" }
    public var state: String { "\(root)/.state" }
    public var jobs: String { "\(state)/jobs" }
    public var locks: String { "\(state)/locks" }
    public var work: String { "\(state)/work" }
    public var lockFile: String { "\(root)/.lock" }

    func record(_ inode: UInt64) -> String { "\(jobs)/\(inode).json" }
    func jobLock(_ inode: UInt64) -> String { "\(locks)/\(inode).lock" }
    func workFolder(_ inode: UInt64) -> String { "\(work)/\(inode)" }

    /// Creates missing folders and checks they all live on one filesystem (renames between
    /// them must be atomic). Throws `HNDL-009` otherwise.
    public func prepare() throws(SpoolscanError) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDir), isDir.boolValue else {
            throw SpoolscanError(.spoolInvalid, "\(root) is not a folder")
        }
        let folders = JobState.allCases.map(folder) + [tmp, state, jobs, locks, work]
        var device: UInt64?
        for path in folders {
            do { try FileOps.makeDirectory(path) } catch {
                throw SpoolscanError(.spoolInvalid, "\(error)")
            }
            guard let info = FileOps.stat(path), info.isDirectory else {
                throw SpoolscanError(.spoolInvalid, "\(path) is not a folder")
            }
            if let device, device != info.device {
                throw SpoolscanError(.spoolInvalid,
                    "\(path) is on another filesystem than \(root)/pending (renames would fail with EXDEV)")
            }
            device = info.device
        }
    }

    /// Whether a name in `pending/` is a finished drop: not a dot-file, not `*.part`.
    public static func isCandidate(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix(".part")
    }

    /// Whether a name in `done/`, `quarantine/` or `error/` is a sidecar (`.report.json`,
    /// `.error.json`, or a report in another format: `.cdx.json`, `.spdx.json`, `.sarif`) of an
    /// artifact. `names` are the folder's other entries: a name like `x.sarif` counts as an
    /// artifact when it has a record of its own.
    static func isSidecar(_ name: String, in state: JobState, among names: Set<String> = []) -> Bool {
        switch state {
        case .done, .quarantine, .error:
            guard FinishedFiles.artifactName(ofSidecar: name) != nil else { return false }
            return !names.contains(name + FinishedFiles.recordSuffix(inFolder: state.rawValue))
        default: return false
        }
    }

    /// The suffix of a finished job's own record in `state`: `.error.json` in `error/`, `.report.json` elsewhere.
    static func recordSuffix(_ state: JobState) -> String {
        state == .error ? errorSuffix : reportSuffix
    }

    static let reportSuffix = ".report.json"
    static let errorSuffix = ".error.json"
}
