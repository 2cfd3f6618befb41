import Foundation

/// A fresh, uniquely named folder for one test.
///
/// Remove it when the test is done — `defer` keeps the folder alive until then (a removal in
/// `deinit` could run as soon as the value's last use, before the files are read):
/// ```swift
/// let dir = try TemporaryDirectory()
/// defer { dir.remove() }
/// try image.write(to: dir.path("image.tar"), format: .ociArchive)
/// ```
/// or scoped: `try TemporaryDirectory.with { dir in … }`.
public final class TemporaryDirectory {
    /// Absolute path of the folder.
    public let path: String

    /// Creates `$TMPDIR/<prefix>-XXXXXX` (mode 0700).
    public init(prefix: String = "spoolscan-test") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((base + "/" + prefix + "-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TestSupportError("mkdtemp failed in \(base)")
        }
        path = String(cString: made)
    }

    /// The path of `name` inside the folder (not created).
    public func path(_ name: String) -> String { path + "/" + name }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs `body` with a fresh folder and removes the folder afterwards.
    public static func with<T>(prefix: String = "spoolscan-test", _ body: (TemporaryDirectory) throws -> T) throws -> T {
        let directory = try TemporaryDirectory(prefix: prefix)
        defer { directory.remove() }
        return try body(directory)
    }
}
