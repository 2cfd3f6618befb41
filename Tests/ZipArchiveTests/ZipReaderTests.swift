import Foundation
import Testing
import TestSupport
import ZipArchive

@Suite struct ZipReaderTests {
    static let files: [(String, [UInt8])] = [
        ("a.json", Array("{\"id\": 1}".utf8)),
        ("docs/readme.txt", Array("hello".utf8)),
        ("b.json", [UInt8](repeating: 0x41, count: 70_000)),
    ]

    /// Every entry the walk read, in order.
    static func readAll(_ walk: ((String) -> ZipReader.Want, (String, ZipReader.EntryData) -> Bool) throws -> Void,
                        cap: Int = 1 << 20) rethrows -> [(String, ZipReader.EntryData)] {
        var seen: [(String, ZipReader.EntryData)] = []
        try walk({ _ in .read(cap: cap) }) { path, data in seen.append((path, data)); return true }
        return seen
    }

    @Test func fileAndMemoryReadTheSameEntries() throws {
        let zip = ZipWriter.zip(Self.files)
        let fromFile = try TemporaryDirectory.with { folder in
            let path = folder.path("all.zip")
            try Data(zip).write(to: URL(fileURLWithPath: path))
            return try Self.readAll { try ZipReader.walk(path: path, want: $0, body: $1) }
        }
        let fromMemory = try Self.readAll { try ZipReader.walk(zip, want: $0, body: $1) }
        for read in [fromFile, fromMemory] {
            #expect(read.map(\.0) == Self.files.map(\.0))
            #expect(read.map(\.1.bytes) == Self.files.map(\.1))
            #expect(read.allSatisfy { $0.1.complete })
        }
    }

    @Test func capSkipAndStop() throws {
        let zip = ZipWriter.zip(Self.files)
        let capped = try Self.readAll({ try ZipReader.walk(zip, want: $0, body: $1) }, cap: 100)
        #expect(capped.map(\.1.complete) == [true, true, false])
        #expect(capped[2].1.bytes.count <= 100)

        var paths: [String] = []
        try ZipReader.walk(zip, want: { $0.hasSuffix(".json") ? .read(cap: 10) : .skip }) { path, _ in paths.append(path); return true }
        #expect(paths == ["a.json", "b.json"])

        paths = []
        try ZipReader.walk(zip, want: { $0.hasPrefix("docs/") ? .stop : .read(cap: 10) }) { path, _ in paths.append(path); return true }
        #expect(paths == ["a.json"])

        paths = []
        try ZipReader.walk(zip, want: { _ in .read(cap: 10) }) { path, _ in paths.append(path); return false }
        #expect(paths == ["a.json"], "the body's false ends the walk")
    }

    @Test func tooManyEntriesAndBadInput() throws {
        let zip = ZipWriter.zip(Self.files)
        #expect(throws: ZipReader.ReadError.self) {
            try ZipReader.walk(zip, maxEntries: 2, want: { _ in .skip }) { _, _ in true }
        }
        #expect(throws: ZipReader.ReadError.self) {
            try ZipReader.walk(Array("not a zip at all".utf8), want: { _ in .skip }) { _, _ in true }
        }
        #expect(throws: ZipReader.ReadError.self) {
            try ZipReader.walk(path: "/nonexistent/all.zip", want: { _ in .skip }) { _, _ in true }
        }
    }
}
