import ImageReader
import ScanReport

/// Checks on the final filesystem's metadata (modes, well-known paths).
enum FilesystemChecks {
    /// Files that hold credentials when present. `name` is the last component of `path`; the
    /// cheap tests on it come first, as this runs for every file of the final view.
    static func isCredentialFile(_ path: String, name: Substring) -> Bool {
        switch name {
        case ".npmrc", ".pypirc", ".netrc", ".git-credentials": return true
        case "credentials": return path.hasSuffix(".aws/credentials")
        case "config.json": return path.hasSuffix(".docker/config.json")
        default: return name.hasPrefix("id_") && !name.hasSuffix(".pub") && path.contains(".ssh/")
        }
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
            func withMode() -> String { "\(path) (mode \(String(entry.mode & 0o7777, radix: 8)))" }
            if entry.kind == .regular && entry.mode & 0o6000 != 0 { setuid.append(withMode()) }
            let stickyDirectory = entry.kind == .directory && entry.mode & 0o1000 != 0
            if (entry.kind == .regular || entry.kind == .directory) && entry.mode & 0o002 != 0 && !stickyDirectory
                && !isTemporary(path) {
                writable.append(withMode())
            }
            let name = PathName.last(path)
            if entry.kind == .regular && isCredentialFile(path, name: name) { credentials.append("file \(path)") }
            if name == ".git" || name == ".svn" || name == ".hg" { vcs.append(path) }
            guard entry.kind == .regular, path.utf8.first == UInt8(ascii: "v") else { return }
            if path.hasPrefix("var/lib/apt/lists/"), !path.hasSuffix("/lock"),
               !path.hasPrefix("var/lib/apt/lists/partial/"), !path.hasPrefix("var/lib/apt/lists/auxfiles/") {
                aptLists += 1
            }
            if path.hasPrefix("var/cache/apk/") { apkCache.append(path) }
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
