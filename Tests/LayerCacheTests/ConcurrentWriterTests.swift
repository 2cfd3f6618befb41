import Foundation
import Testing
import ScanReport
import TestSupport

private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
private let binary = packageRoot + "/.build/debug/spoolscan"

/// Several scanner processes sharing one cache file, as a spool's workers do.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: binary),
                "needs .build/debug/spoolscan: run `swift build --build-tests` first"))
struct ConcurrentWriterTests {
    /// Runs `spoolscan` with `arguments` in several processes at once.
    static func runAtOnce(_ argumentLists: [[String]]) -> [CommandRunner.Result?] {
        let results = ConcurrentResults<CommandRunner.Result>(count: argumentLists.count)
        DispatchQueue.concurrentPerform(iterations: argumentLists.count) { index in
            results.set(index, try? CommandRunner.run(binary, argumentLists[index], environment: ["PATH": "/usr/bin:/bin"]))
        }
        return results.values
    }

    @Test("six processes scanning at once fill one cache, then all hit it", .timeLimit(.minutes(3)))
    func concurrentWriters() throws {
        let dir = try TemporaryDirectory()
        let cache = dir.path("cache.db")
        let images = (0..<6).map { dir.path("img\($0).tar") }
        for (index, path) in images.enumerated() {
            try CacheTestImages.app("writer\(index)").write(to: path, format: .docker25, layerCompression: .none)
        }
        let cold = try images.map { path in
            try CommandRunner.run(binary, ["scan", path, "--raw", "--format", "json", "--no-cache"], errors: .separate).stdout
        }
        for round in 0..<2 {
            let runs = Self.runAtOnce(images.enumerated().map { index, path in
                ["scan", path, "--raw", "--format", "json", "--output", dir.path("r\(round)-\(index).json"), "--cache", cache]
            })
            for (index, run) in runs.enumerated() {
                let run = try #require(run)
                #expect(run.status == 0, "round \(round) image \(index): \(run.stderr)")
                let report = try ReportCodec.decode(from: Data(contentsOf: URL(fileURLWithPath: dir.path("r\(round)-\(index).json"))))
                #expect(report.warnings.allSatisfy { $0.code != "SCAN-015" }, "\(report.warnings)")
                let coldReport = try ReportCodec.decode(from: Data(cold[index].utf8))
                #expect(report.artifact == coldReport.artifact, "round \(round) image \(index) differs from its cold scan")
            }
        }
        let info = try CommandRunner.run(binary, ["cache", "info", "--cache", cache, "--json"], errors: .separate)
        #expect(info.status == 0, "\(info.stderr)")
        // Base and package layers are shared by all six images; each has its own top layer.
        #expect(info.stdout.contains("\"analyses\" : 8"), "\(info.stdout)")
        #expect(info.stdout.contains("\"blobs\" : 8"), "\(info.stdout)")
    }

    @Test("a sweep's scanner processes use the cache the sweep is given")
    func sweepPassesTheCache() throws {
        let dir = try TemporaryDirectory()
        let cache = dir.path("cache.db")
        try FileManager.default.createDirectory(atPath: dir.path("spool/pending"), withIntermediateDirectories: true)
        try CacheTestImages.app("sweep").write(to: dir.path("spool/pending/img.tar"), format: .docker25, layerCompression: .gzip)
        let sweep = try CommandRunner.run(binary, ["sweep", "--spool", dir.path("spool"), "--workers", "1", "--cache", cache],
                                          errors: .separate)
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let info = try CommandRunner.run(binary, ["cache", "info", "--cache", cache, "--json"], errors: .separate)
        #expect(info.stdout.contains("\"analyses\" : 3"), "\(info.stdout)\(info.stderr)")
    }

    @Test("cache prune evicts down to --cache-max-mb; --all empties the cache")
    func pruneCommand() throws {
        let dir = try TemporaryDirectory()
        let cache = dir.path("cache.db")
        let image = dir.path("img.tar")
        try CacheTestImages.app("prune").write(to: image, format: .docker25, layerCompression: .gzip)
        #expect(try CommandRunner.run(binary, ["scan", image, "--raw", "--cache", cache, "--output", dir.path("r.json")], errors: .separate).status == 0)
        let kept = try CommandRunner.run(binary, ["cache", "prune", "--cache", cache], errors: .separate)
        #expect(kept.status == 0 && kept.stdout.contains("removed 0 analyses; 3 left"), "\(kept.stdout)\(kept.stderr)")
        let emptied = try CommandRunner.run(binary, ["cache", "prune", "--cache", cache, "--all"], errors: .separate)
        #expect(emptied.stdout.contains("removed 3 analyses; 0 left"), "\(emptied.stdout)")
        try Data("not a cache".utf8).write(to: URL(fileURLWithPath: cache))
        let broken = try CommandRunner.run(binary, ["cache", "info", "--cache", cache], errors: .separate)
        #expect(broken.status == 1 && broken.stderr.contains("SCAN-015"))
    }
}
