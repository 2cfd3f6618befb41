import Foundation

/// Writes a target's seed corpus: its generated seeds and copies of the committed fixtures.
enum SeedWriter {
    /// The repository root (this file is `Fuzz/Sources/SpoolscanFuzz/SeedWriter.swift`).
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func write(_ target: FuzzTarget, into folder: String) -> Bool {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var count = 0
            for (name, bytes) in target.seeds() {
                try Data(bytes).write(to: URL(fileURLWithPath: folder + "/seed-" + name))
                count += 1
            }
            for fixture in target.fixtures {
                let source = repositoryRoot + "/" + fixture
                let data = try Data(contentsOf: URL(fileURLWithPath: source))
                guard data.count <= target.maxLength else { continue }
                try data.write(to: URL(fileURLWithPath: folder + "/fixture-" + (fixture as NSString).lastPathComponent))
                count += 1
            }
            print("\(target.name): \(count) seeds in \(folder)")
            return true
        } catch {
            FileHandle.standardError.write(Data(("\(target.name): cannot write seeds: \(error)\n").utf8))
            return false
        }
    }
}
