import Foundation
import Testing
import ImageReader
import LayerCache
import TestSupport

/// The cache file on its own: round trip, LRU eviction under the size bound, damaged and
/// foreign files.
@Suite struct LayerCacheStoreTests {
    static func analysis(_ n: Int, payload: Int = 1000) -> CachedLayerAnalysis {
        let hex = String(repeating: String(n % 10), count: 64)
        return CachedLayerAnalysis(
            diffID: "sha256:" + hex, blobDigest: "sha256:" + String(repeating: "b", count: 63) + String(n % 10),
            compression: .gzip,
            entries: [LayerEntry(path: "etc/passwd", kind: .regular, size: 12, mode: 0o644),
                      LayerEntry(path: "bin/sh", kind: .symlink, mode: 0o777, linkTarget: "busybox"),
                      LayerEntry(path: "tmp/gone", kind: .whiteout)],
            results: [Array(repeating: UInt8(n), count: payload), []])
    }

    /// Several processes opening a new cache at once: one creates the layout while the others
    /// check it, and none may take the half-made file for someone else's database.
    @Test func openingANewCacheAtOnceNeverTakesItForForeign() throws {
        let dir = try TemporaryDirectory()
        let failures = ConcurrentResults<String>(count: 200 * 6)
        for round in 0..<200 {
            let path = dir.path("cache\(round).db")
            DispatchQueue.concurrentPerform(iterations: 6) { index in
                do throws(LayerCacheError) { _ = try LayerCacheStore(path: path, maxBytes: 1 << 20) } catch {
                    failures.set(round * 6 + index, error.message)
                }
            }
        }
        let messages = failures.values.compactMap { $0 }
        #expect(messages.isEmpty, "\(messages.count) of 1200 opens failed, e.g. \(messages.first ?? "")")
    }

    @Test func storedAnalysisComesBackUnderItsBlobDigestOnly() throws {
        let dir = try TemporaryDirectory()
        let store = try LayerCacheStore(path: dir.path("cache.db"), maxBytes: 1 << 20)
        let kept = Self.analysis(1)
        try store.store(kept, analyser: "a")
        #expect(try store.lookup(blob: kept.blobDigest, analyser: "a") == kept)
        #expect(try store.lookup(blob: kept.blobDigest, analyser: "b") == nil, "another analyser key misses")
        #expect(try store.lookup(blob: kept.diffID, analyser: "a") == nil, "a diffID is not a compressed blob's digest")
        let info = try store.info()
        #expect(info.analyses == 1 && info.blobs == 1 && info.analysers == 1)
    }

    @Test func writesPastTheBoundEvictTheLeastRecentlyUsed() throws {
        let dir = try TemporaryDirectory()
        let one = LayerCacheStoreTests.analysis(1, payload: 4000)
        let size = Int64(LayerCacheStore.storedSize(of: one))
        // Room for three analyses, not four.
        let store = try LayerCacheStore(path: dir.path("cache.db"), maxBytes: size * 3 + size / 2)
        for n in 1...3 {
            try store.store(Self.analysis(n, payload: 4000), analyser: "a")
            usleep(2000)
        }
        // Using the first makes the second the least recently used.
        #expect(try store.lookup(blob: Self.analysis(1).blobDigest, analyser: "a") != nil)
        usleep(2000)
        try store.store(Self.analysis(4, payload: 4000), analyser: "a")
        #expect(try store.lookup(blob: Self.analysis(2).blobDigest, analyser: "a") == nil, "least recently used went")
        for n in [1, 3, 4] { #expect(try store.lookup(blob: Self.analysis(n).blobDigest, analyser: "a") != nil) }
        let info = try store.info()
        #expect(info.analyses == 3)
        #expect(info.blobs == 3, "the evicted analysis's digest mapping went with it")
        #expect(info.analysisBytes <= store.maxBytes)
        #expect(try store.prune(downTo: 0) == 3)
        #expect(try store.info().analyses == 0)
    }

    @Test func aFileOfGarbageIsRefused() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("cache.db")
        try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect(throws: LayerCacheError.self) { try LayerCacheStore(path: path, maxBytes: 1 << 20) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(repeating: 0x5a, count: 8192), "left as it was")
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAlone() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("other.db")
        _ = try CommandRunner.run("/usr/bin/env", ["python3", "-c",
            "import sqlite3; c = sqlite3.connect('\(path)'); c.execute('CREATE TABLE notes (t TEXT)'); c.commit()"])
        try #require(FileManager.default.fileExists(atPath: path), "needs python3's sqlite3 to make a foreign database")
        let error = #expect(throws: LayerCacheError.self) { try LayerCacheStore(path: path, maxBytes: 1 << 20) }
        #expect(error?.message.contains("not a spoolscan layer cache") == true)
    }

    @Test func damagedPagesAreAnErrorNotACrash() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("cache.db")
        do {
            let store = try LayerCacheStore(path: path, maxBytes: 1 << 24)
            for n in 1...5 { try store.store(Self.analysis(n, payload: 20_000), analyser: "a") }
            try store.checkpoint()
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xff, count: 4096 * 20))
        try handle.close()
        // Opening may still work (the header is intact); using it must throw.
        #expect(throws: LayerCacheError.self) {
            let store = try LayerCacheStore(path: path, maxBytes: 1 << 24)
            for n in 1...5 { _ = try store.lookup(blob: Self.analysis(n).blobDigest, analyser: "a") }
            _ = try store.info()
        }
    }

    @Test func aDamagedAnalysisIsRemovedAndMissesAfterwards() throws {
        let dir = try TemporaryDirectory()
        let path = dir.path("cache.db")
        let kept = Self.analysis(7)
        try LayerCacheStore(path: path, maxBytes: 1 << 20).store(kept, analyser: "a")
        _ = try CommandRunner.run("/usr/bin/env", ["python3", "-c",
            "import sqlite3; c = sqlite3.connect('\(path)'); c.execute(\"UPDATE analyses SET data = x'01ff'\"); c.commit()"])
        let store = try LayerCacheStore(path: path, maxBytes: 1 << 20)
        try #require(try store.info().analyses == 1)
        let error = #expect(throws: LayerCacheError.self) { try store.lookup(blob: kept.blobDigest, analyser: "a") }
        try #require(error != nil, "needs python3's sqlite3 to damage the row")
        #expect(try store.lookup(blob: kept.blobDigest, analyser: "a") == nil)
        #expect(try store.info().analyses == 0 && store.info().blobs == 0)
    }

    @Test func everyTruncationOfAStoredAnalysisIsRefusedNotCrashed() throws {
        var writer = ResultsWriter()
        for entry in Self.analysis(3, payload: 40).entries { entry.write(to: &writer) }
        writer.write(bytes: [1, 2, 3])
        writer.write(["a", "é", ""])
        let bytes = writer.bytes
        for cut in 0..<bytes.count {
            var reader = ResultsReader(Array(bytes.prefix(cut)))
            let decoded: Bool
            do throws(ResultsReader.Malformed) {
                for _ in 0..<3 { _ = try LayerEntry(from: &reader) }
                _ = try reader.readBytes()
                _ = try reader.readStrings()
                decoded = true
            } catch {
                decoded = false
            }
            #expect(!decoded, "a prefix of \(cut) bytes decoded")
        }
        var whole = ResultsReader(bytes)
        #expect(try LayerEntry(from: &whole) == Self.analysis(3).entries[0])
        var huge = ResultsReader([0xff, 0xff, 0xff, 0xff, 0x0f])
        #expect(throws: ResultsReader.Malformed.self) { try huge.readBytes() }
    }
}
