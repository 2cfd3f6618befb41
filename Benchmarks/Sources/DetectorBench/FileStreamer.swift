import Detectors
import Foundation
import ImageReader

/// Streams one file through a suite's visitors as the image reader would (1 MiB chunks).
enum FileStreamer {
    /// Returns the number of secret and malware findings.
    static func scan(path: String, size: Int, suite: DetectorSuite) -> Int {
        guard let file = fopen(path, "rb") else { return 0 }
        defer { fclose(file) }
        let layer = LayerStreamID(1)
        let entry = LayerEntry(path: "var/lib/apt/lists/bench_Packages", kind: .regular, size: Int64(size))
        let visitors = suite.visitors
        visitors.forEach { $0.beginLayer(layer) }
        let sinks = visitors.compactMap { $0.visitFile(entry, layer: layer) }
        var active = Array(repeating: true, count: sinks.count)
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            buffer.withUnsafeBytes { bytes in
                let chunk = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
                for index in sinks.indices where active[index] { active[index] = sinks[index].write(chunk) }
            }
        }
        sinks.forEach { $0.finish(complete: true) }
        visitors.forEach { $0.endLayer(layer) }
        let image = ReadImage(repoTags: [], imageID: "sha256:bench", manifestDigest: nil, config: ImageConfig(),
                              layers: [ReadLayer(index: 0, streamID: layer, diffID: "sha256:bench", digest: "sha256:bench",
                                                 size: Int64(size), compression: .none, createdBy: nil)],
                              filesystem: ImageFilesystem(layers: [[entry]]))
        let findings = suite.findings(for: image)
        return findings.secrets.count + findings.malware.count
    }
}
