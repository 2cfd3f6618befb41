import ScanReport

/// One image configuration check: a stable id (Dockle's where Dockle has the check, `SPL-…`
/// otherwise), its title and severity.
public struct MisconfigCheck: Sendable, Hashable {
    /// Stable id, e.g. `CIS-DI-0001`.
    public let id: String
    /// What the check finds.
    public let title: String
    /// Severity of its findings.
    public let severity: Severity

    /// A finding of this check with `evidence` (paths, history lines or config fields).
    func finding(_ evidence: [String]) -> Misconfiguration {
        Misconfiguration(id: id, title: title, severity: severity, evidence: MisconfigCheck.capped(evidence))
    }

    /// At most 50 evidence lines, then a count of the rest.
    static func capped(_ evidence: [String]) -> [String] {
        guard evidence.count > 50 else { return evidence }
        return Array(evidence.prefix(50)) + ["… and \(evidence.count - 50) more"]
    }
}

/// The catalogue (see `docs/detectors.md` for what each check looks at).
extension MisconfigCheck {
    public static let rootUser = MisconfigCheck(id: "CIS-DI-0001", title: "Image runs as root (no non-root USER)", severity: .medium)
    public static let noHealthcheck = MisconfigCheck(id: "CIS-DI-0006", title: "No HEALTHCHECK instruction", severity: .low)
    public static let updateAlone = MisconfigCheck(id: "CIS-DI-0007", title: "Package index update without install in the same RUN", severity: .medium)
    public static let setuidFiles = MisconfigCheck(id: "CIS-DI-0008", title: "setuid / setgid files", severity: .low)
    public static let addRemote = MisconfigCheck(id: "CIS-DI-0009", title: "ADD of a remote URL or archive (use COPY)", severity: .medium)
    public static let credentials = MisconfigCheck(id: "CIS-DI-0010", title: "Credentials in environment variables or files", severity: .high)
    public static let sudo = MisconfigCheck(id: "DKL-DI-0001", title: "sudo used in build steps", severity: .medium)
    public static let upgrade = MisconfigCheck(id: "DKL-DI-0003", title: "Distribution upgrade in build steps", severity: .low)
    public static let apkCache = MisconfigCheck(id: "DKL-DI-0004", title: "apk add without --no-cache / apk cache left in image", severity: .low)
    public static let aptCache = MisconfigCheck(id: "DKL-DI-0005", title: "apt package lists not cleaned", severity: .low)
    public static let latestTag = MisconfigCheck(id: "DKL-DI-0006", title: "Image tagged latest", severity: .low)
    public static let emptyPassword = MisconfigCheck(id: "DKL-LI-0001", title: "Account with an empty password", severity: .high)
    public static let duplicateIDs = MisconfigCheck(id: "DKL-LI-0002", title: "Duplicate UIDs or GIDs", severity: .medium)
    public static let unneededFiles = MisconfigCheck(id: "DKL-LI-0003", title: "Version-control folders left in image", severity: .low)
    public static let ssh = MisconfigCheck(id: "SPL-DI-0001", title: "SSH server installed or port 22 exposed", severity: .medium)
    public static let worldWritable = MisconfigCheck(id: "SPL-DI-0002", title: "World-writable files or folders outside /tmp", severity: .medium)

    /// Every check, in report order.
    public static let all: [MisconfigCheck] = [
        rootUser, noHealthcheck, updateAlone, setuidFiles, addRemote, credentials, sudo, upgrade, apkCache, aptCache,
        latestTag, emptyPassword, duplicateIDs, unneededFiles, ssh, worldWritable,
    ]
}
