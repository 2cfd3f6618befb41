import Foundation

/// A fresh, uniquely named folder for one test, removed with everything in it when the
/// value is released.
///
/// ```swift
/// let dir = try TemporaryDirectory()
/// try image.write(to: dir.path("image.tar"), format: .ociArchive)
/// ```
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

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the folder (not created).
    public func path(_ name: String) -> String { path + "/" + name }
}
