import Foundation
import TestSupport

/// Locates the real data in `../shared` (beside the package root) and runs small helper
/// commands. Tests that need it are disabled with a message when it is absent.
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Runs a command, returning its standard output; throws when it exits non-zero.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) throws -> String {
        let (status, output) = try runReturningStatus(executable, arguments, in: directory)
        guard status == 0 else {
            throw CommandFailed(command: ([executable] + arguments).joined(separator: " "), status: status)
        }
        return output
    }

    /// Runs a command, returning its exit status and standard output (stderr is discarded).
    static func runReturningStatus(_ executable: String, _ arguments: [String], in directory: String? = nil,
                                   environment: [String: String]? = nil) throws -> (Int32, String) {
        let result = try CommandRunner.run(executable, arguments, environment: environment, directory: directory, errors: .discard)
        return (result.status, result.stdout)
    }

    /// This process's environment for a `spoolscan` that must find no advisory database:
    /// `SPOOLSCAN_DB` unset and `HOME` an empty folder, so the default database (and the layer
    /// cache beside it) of whoever runs the tests is not picked up. Remove `home` afterwards.
    static func environmentWithoutDatabase() throws -> (environment: [String: String], home: String) {
        let home = try temporaryFolder()
        var environment = ProcessInfo.processInfo.environment
        environment["SPOOLSCAN_DB"] = nil
        environment["HOME"] = home
        return (environment, home)
    }

    struct CommandFailed: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        var description: String { "\(command) exited \(status)" }
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "spoolscan-it-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Unpacks an Alpine minirootfs from shared/ and packs it as an image with shared/tools/mkimage.py.
    static func alpineImage(_ rootfs: String, format: String, compress: String = "none") throws -> String {
        let folder = try temporaryFolder()
        let layer = folder + "/rootfs"
        try FileManager.default.createDirectory(atPath: layer, withIntermediateDirectories: true)
        try run("/bin/tar", ["-xzf", path("images/rootfs/" + rootfs), "-C", layer])
        let image = folder + "/image.tar"
        try run("/usr/bin/python3", [path("tools/mkimage.py"), "--out", image, "--format", format,
                                     "--compress", compress, "--tag", "alpine:test", layer])
        return image
    }

    /// `name version` of every package in an apk installed database, parsed independently of
    /// spoolscan's cataloguer.
    static func apkPackages(inRootfs rootfs: String) throws -> Set<String> {
        let text = try run("/bin/tar", ["-xzOf", path("images/rootfs/" + rootfs), "--wildcards", "*lib/apk/db/installed"])
        var result = Set<String>()
        for block in text.components(separatedBy: "\n\n") {
            let lines = block.split(separator: "\n")
            guard let name = lines.first(where: { $0.hasPrefix("P:") }), let version = lines.first(where: { $0.hasPrefix("V:") }) else { continue }
            result.insert("\(name.dropFirst(2)) \(version.dropFirst(2))")
        }
        return result
    }
}
