import ImageReader
import ScanReport

/// Checks on the final filesystem's metadata (modes, well-known paths).
enum FilesystemChecks {
    /// Files that hold credentials when present.
    static func isCredentialFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if [".npmrc", ".pypirc", ".netrc", ".git-credentials"].contains(name) { return true }
        if path.hasSuffix(".aws/credentials") || path.hasSuffix(".docker/config.json") { return true }
        if path.contains(".ssh/"), name.hasPrefix("id_"), !name.hasSuffix(".pub") { return true }
        return false
    }

    static func isTemporary(_ path: String) -> Bool {
        path == "tmp" || path.hasPrefix("tmp/") || path == "var/tmp" || path.hasPrefix("var/tmp/")
            || path.hasPrefix("dev/") || path == "dev/shm" || path == "run/lock" || path.hasPrefix("run/lock/")
    }

    struct Result {
        var misconfigurations: [Misconfiguration] = []
        var credentialFiles: [String] = []
    }

    static func run(_ image: ReadImage) -> Result {
        var setuid: [String] = [], writable: [String] = [], credentials: [String] = [], vcs: [String] = []
        var aptLists = 0, apkCache: [String] = []
        image.filesystem.forEach { node in
            let entry = node.entry
            let path = entry.path
            let octal = String(entry.mode & 0o7777, radix: 8)
            if entry.kind == .regular && entry.mode & 0o6000 != 0 { setuid.append("\(path) (mode \(octal))") }
            let stickyDirectory = entry.kind == .directory && entry.mode & 0o1000 != 0
            if (entry.kind == .regular || entry.kind == .directory) && entry.mode & 0o002 != 0 && !stickyDirectory
                && !isTemporary(path) {
                writable.append("\(path) (mode \(octal))")
            }
            if entry.kind == .regular && isCredentialFile(path) { credentials.append("file \(path)") }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            if [".git", ".svn", ".hg"].contains(name) { vcs.append(path) }
            if path.hasPrefix("var/lib/apt/lists/"), entry.kind == .regular, !path.hasSuffix("/lock"),
               !path.hasPrefix("var/lib/apt/lists/partial/"), !path.hasPrefix("var/lib/apt/lists/auxfiles/") {
                aptLists += 1
            }
            if path.hasPrefix("var/cache/apk/"), entry.kind == .regular { apkCache.append(path) }
        }
        var result = Result()
        result.credentialFiles = credentials
        if !setuid.isEmpty { result.misconfigurations.append(MisconfigCheck.setuidFiles.finding(setuid)) }
        if aptLists > 0 { result.misconfigurations.append(MisconfigCheck.aptCache.finding(["var/lib/apt/lists: \(aptLists) files"])) }
        if !apkCache.isEmpty { result.misconfigurations.append(MisconfigCheck.apkCache.finding(apkCache)) }
        if !vcs.isEmpty { result.misconfigurations.append(MisconfigCheck.unneededFiles.finding(vcs)) }
        if !writable.isEmpty { result.misconfigurations.append(MisconfigCheck.worldWritable.finding(writable)) }
        return result
    }

    /// `usr/sbin/sshd` in the final view.
    static func sshServer(_ image: ReadImage) -> [String] {
        guard let node = image.filesystem.node(at: "usr/sbin/sshd"), node.entry.kind != .directory else { return [] }
        return ["usr/sbin/sshd"]
    }
}
