import Foundation
import TestSupport

/// Test data: committed fixtures, the shared data folder, and files of this machine.
enum Fixtures {
    /// A committed fixture's bytes.
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw FixtureError("fixture \(name) missing from the test bundle")
        }
        return Array(try Data(contentsOf: url))
    }

    /// The shared data folder (`../shared` from the package root), or nil when absent.
    static var sharedFolder: String? {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let shared = root.appendingPathComponent("../shared").standardizedFileURL.path
        return FileManager.default.fileExists(atPath: shared) ? shared : nil
    }

    /// A file of this machine, or nil when it does not exist.
    static func machineFile(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    /// Runs a program and returns its standard output, or nil when it cannot run or fails.
    static func run(_ executable: String, _ arguments: [String]) -> String? {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let (status, output) = CommandRunner.run(executable, arguments)
        return status == 0 ? output : nil
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
