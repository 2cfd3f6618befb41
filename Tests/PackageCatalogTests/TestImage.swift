import ImageReader
import SpoolscanCore

/// Builds an image by hand, layer by layer, and streams it through a visitor the way the
/// archive reader does (beginLayer, visitFile + chunked writes + finish, endLayer).
struct TestImage {
    struct Layer {
        var entries: [LayerEntry] = []
        var contents: [String: [UInt8]] = [:]

        mutating func file(_ path: String, _ bytes: [UInt8], mode: UInt32 = 0o644) {
            entries.append(LayerEntry(path: path, kind: .regular, size: Int64(bytes.count), mode: mode))
            contents[path] = bytes
        }
        mutating func file(_ path: String, _ text: String, mode: UInt32 = 0o644) {
            file(path, Array(text.utf8), mode: mode)
        }
        mutating func symlink(_ path: String, to target: String) {
            entries.append(LayerEntry(path: path, kind: .symlink, mode: 0o777, linkTarget: target))
        }
        mutating func directory(_ path: String) {
            entries.append(LayerEntry(path: path, kind: .directory, mode: 0o755))
        }
        mutating func whiteout(_ path: String) {
            entries.append(LayerEntry(path: path, kind: .whiteout))
        }
        mutating func opaque(_ path: String) {
            entries.append(LayerEntry(path: path, kind: .opaqueWhiteout))
        }
    }

    var layers: [Layer] = []

    /// Stream ids differ from image indexes on purpose (archive order is not image order).
    static func stream(ofLayer index: Int) -> LayerStreamID { LayerStreamID(100 + index * 7) }

    static func diffID(ofLayer index: Int) -> String {
        "sha256:" + SHA256Hasher.hex(Array("layer \(index)".utf8))
    }

    /// Feeds the layers to `visitor` in `order` (image indexes; default: reversed, as a
    /// docker-archive may store them) in chunks of `chunkSize`, and returns the image.
    @discardableResult
    func feed(_ visitor: LayerVisitor, order: [Int]? = nil, chunkSize: Int = 1 << 20) -> ReadImage {
        for index in order ?? Array(layers.indices.reversed()) {
            let stream = Self.stream(ofLayer: index)
            visitor.beginLayer(stream)
            for entry in layers[index].entries where entry.kind == .regular {
                guard let sink = visitor.visitFile(entry, layer: stream) else { continue }
                Self.write(layers[index].contents[entry.path] ?? [], to: sink, chunkSize: chunkSize)
            }
            visitor.endLayer(stream)
        }
        return image
    }

    /// Writes `bytes` to a sink in chunks, honouring its request to stop, then finishes it.
    static func write(_ bytes: [UInt8], to sink: FileSink, chunkSize: Int) {
        var offset = 0
        var wanted = true
        while offset < bytes.count {
            let end = min(offset + chunkSize, bytes.count)
            wanted = bytes[offset..<end].withUnsafeBytes { sink.write($0) }
            offset = end
            if !wanted { break }
        }
        sink.finish(complete: wanted && offset >= bytes.count)
    }

    /// The image as the reader would return it.
    var image: ReadImage {
        let readLayers = layers.indices.map { index in
            ReadLayer(index: index, streamID: Self.stream(ofLayer: index), diffID: Self.diffID(ofLayer: index),
                      digest: Self.diffID(ofLayer: index), size: 0, compression: .none, createdBy: nil)
        }
        return ReadImage(repoTags: ["test:latest"], imageID: "sha256:test", manifestDigest: nil, config: ImageConfig(),
                         layers: readLayers, filesystem: ImageFilesystem(layers: layers.map(\.entries)))
    }
}
