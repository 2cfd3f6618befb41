import Foundation
import Testing
import ScanReport
import TestSupport

/// `ReportCodec.writeAtomically` replaces regular files by rename, but writes into a device or
/// FIFO in place (`--output /dev/null` or `/dev/stdout` must never replace the node itself).
@Suite struct AtomicWriteTests {
    @Test func aFIFOIsWrittenInPlaceNotReplaced() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.path("report.fifo")
            #expect(mkfifo(path, 0o600) == 0)
            let reader = open(path, O_RDONLY | O_NONBLOCK)   // a reader, so the writer's open does not block
            #expect(reader >= 0)
            defer { close(reader) }
            let data = Data(#"{"schemaVersion":"2.0"}"#.utf8)
            try ReportCodec.writeAtomically(data, to: path)
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = read(reader, &buffer, buffer.count)
            #expect(count == data.count && Data(buffer.prefix(max(count, 0))) == data)
            var status = stat()
            #expect(stat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced by a file")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path("")) == ["report.fifo"])
        }
    }

    @Test func aRegularFileIsReplacedWhole() throws {
        try TemporaryDirectory.with { dir in
            let path = dir.path("r.json")
            try Data(repeating: 0x41, count: 1000).write(to: URL(fileURLWithPath: path))
            try ReportCodec.writeAtomically(Data("{}".utf8), to: path)
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("{}".utf8))
        }
    }
}
