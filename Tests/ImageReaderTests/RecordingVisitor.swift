import ImageReader

/// A visitor that records the calls it gets and the bytes of every file it asks for.
final class RecordingVisitor: LayerVisitor {
    enum Event: Equatable {
        case begin(LayerStreamID)
        case file(String, LayerStreamID)
        case end(LayerStreamID)
    }

    private(set) var events: [Event] = []
    /// Bytes per `layer-stream:path`, and whether the sink saw the whole file.
    private(set) var contents: [String: (bytes: [UInt8], complete: Bool)] = [:]
    private(set) var largestChunk = 0
    /// Stop each file after this many bytes (nil: read everything).
    let stopAfter: Int?
    /// Ask only for files whose path passes this test.
    let wants: (String) -> Bool

    init(stopAfter: Int? = nil, wants: @escaping (String) -> Bool = { _ in true }) {
        self.stopAfter = stopAfter
        self.wants = wants
    }

    func beginLayer(_ layer: LayerStreamID) { events.append(.begin(layer)) }
    func endLayer(_ layer: LayerStreamID) { events.append(.end(layer)) }

    func visitFile(_ entry: LayerEntry, layer: LayerStreamID) -> FileSink? {
        events.append(.file(entry.path, layer))
        guard wants(entry.path) else { return nil }
        return Sink(owner: self, key: "\(layer.rawValue):\(entry.path)")
    }

    /// The text a sink received for `path` in `layer`.
    func text(_ path: String, layer: LayerStreamID) -> String? {
        contents["\(layer.rawValue):\(path)"].map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    var beganLayers: [LayerStreamID] {
        events.compactMap { if case .begin(let id) = $0 { id } else { nil } }
    }

    final class Sink: FileSink {
        let owner: RecordingVisitor
        let key: String
        var bytes: [UInt8] = []

        init(owner: RecordingVisitor, key: String) { self.owner = owner; self.key = key }

        func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
            owner.largestChunk = max(owner.largestChunk, chunk.count)
            bytes.append(contentsOf: chunk)
            if let stop = owner.stopAfter, bytes.count >= stop { return false }
            return true
        }

        func finish(complete: Bool) { owner.contents[key] = (bytes, complete) }
    }
}
