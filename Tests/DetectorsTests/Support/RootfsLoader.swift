import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Unpacks a root-filesystem tarball with the system `tar` and loads it as one fake layer
/// (modes from `lstat`, so setuid bits and symlinks are kept).
enum RootfsLoader {
    /// The shared data folder (`../shared` from the project root), when present.
    static let sharedFolder: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared").path

    static func load(tarball: String) throws -> [FakeFile] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("rootfs-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/bin/tar")
        tar.arguments = ["-xzf", tarball, "-C", folder, "--no-same-owner"]
        try tar.run()
        tar.waitUntilExit()
        guard tar.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
        var files: [FakeFile] = []
        let walker = FileManager.default.enumerator(atPath: folder)
        while let relative = walker?.nextObject() as? String {
            let full = folder + "/" + relative
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            let mode = UInt32(info.st_mode) & 0o7777
            switch UInt32(info.st_mode) & UInt32(S_IFMT) {
            case UInt32(S_IFDIR): files.append(.directory(relative, mode: mode))
            case UInt32(S_IFLNK):
                files.append(.symlink(relative, to: (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? ""))
            case UInt32(S_IFREG):
                files.append(.file(relative, [UInt8](FileManager.default.contents(atPath: full) ?? Data()), mode: mode))
            default: continue
            }
        }
        return files
    }
}
