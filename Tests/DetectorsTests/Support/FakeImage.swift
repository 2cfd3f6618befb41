import ImageReader
import ScanReport
@testable import Detectors

/// One file (or whiteout, folder, symlink) of a hand-built layer.
struct FakeFile {
    var entry: LayerEntry
    var bytes: [UInt8]

    static func file(_ path: String, _ text: String, mode: UInt32 = 0o644) -> FakeFile {
        file(path, Array(text.utf8), mode: mode)
    }
    static func file(_ path: String, _ bytes: [UInt8], mode: UInt32 = 0o644) -> FakeFile {
        FakeFile(entry: LayerEntry(path: path, kind: .regular, size: Int64(bytes.count), mode: mode), bytes: bytes)
    }
    static func directory(_ path: String, mode: UInt32 = 0o755) -> FakeFile {
        FakeFile(entry: LayerEntry(path: path, kind: .directory, mode: mode), bytes: [])
    }
    static func symlink(_ path: String, to target: String) -> FakeFile {
        FakeFile(entry: LayerEntry(path: path, kind: .symlink, mode: 0o777, linkTarget: target), bytes: [])
    }
    static func whiteout(_ path: String) -> FakeFile {
        FakeFile(entry: LayerEntry(path: path, kind: .whiteout), bytes: [])
    }
}

/// Plays the reader's part: drives visitors over hand-built layers, chunk by chunk, and
/// returns the `ReadImage` the real reader would have assembled.
enum FakeReader {
    /// Layer stream ids start here so tests notice a stream id used as an image index.
    static let streamBase = 100

    static func read(layers: [[FakeFile]], config: ImageConfig = ImageConfig(), repoTags: [String] = ["demo:1"],
                     visitors: [LayerVisitor], chunkSize: Int = 1 << 20) -> ReadImage {
        var readLayers: [ReadLayer] = []
        for (index, files) in layers.enumerated() {
            let stream = LayerStreamID(streamBase + index)
            visitors.forEach { $0.beginLayer(stream) }
            for file in files where file.entry.kind == .regular {
                for visitor in visitors {
                    guard let sink = visitor.visitFile(file.entry, layer: stream) else { continue }
                    feed(file.bytes, to: sink, chunkSize: chunkSize)
                }
            }
            visitors.forEach { $0.endLayer(stream) }
            let diffID = "sha256:" + String(repeating: String(index % 10), count: 64)
            readLayers.append(ReadLayer(index: index, streamID: stream, diffID: diffID, digest: diffID,
                                        size: 0, compression: .none, createdBy: nil))
        }
        let filesystem = ImageFilesystem(layers: layers.map { $0.map(\.entry) })
        return ReadImage(repoTags: repoTags, imageID: "sha256:" + String(repeating: "c", count: 64),
                         manifestDigest: nil, config: config, layers: readLayers, filesystem: filesystem)
    }

    /// Writes `bytes` to `sink` in chunks of `chunkSize` until the sink declines, then finishes it.
    static func feed(_ bytes: [UInt8], to sink: FileSink, chunkSize: Int) {
        var offset = 0
        var complete = true
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            let wanted = bytes[offset..<end].withUnsafeBytes { sink.write($0) }
            offset = end
            if !wanted {
                complete = offset == bytes.count
                break
            }
        }
        sink.finish(complete: complete)
    }
}
