import Foundation

/// `scripts/feed-server.py` serving a folder on 127.0.0.1 for the download tests; stopped when released.
final class FeedServer: @unchecked Sendable {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../scripts/feed-server.py").standardized.path
    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static var available: Bool { python != nil && FileManager.default.fileExists(atPath: script) }

    private let process = Process()
    let port: Int
    let logPath: String

    /// Serves `root`; `options` are the script's flags (`--cut N`, `--ignore-range`).
    init(root: String, options: [String] = []) throws {
        logPath = root + ".requests.log"
        process.executableURL = URL(fileURLWithPath: Self.python!)
        process.arguments = [Self.script, root, "--log", logPath] + options
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "feed server did not start"])
        }
        self.port = port
    }

    deinit {
        // SIGKILL: a child started from a test thread inherits that thread's blocked SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        unlink(logPath)
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// One entry per GET: path, Range header (or `--`) and status.
    var requests: [String] {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
