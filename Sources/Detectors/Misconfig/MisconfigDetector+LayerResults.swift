import ImageReader

/// Saving and restoring one layer's account files (`etc/passwd`, `etc/shadow`, `etc/group`),
/// for the layer cache. Every other check reads the config and the final filesystem view.
extension MisconfigDetector: LayerResultsRecording {
    var resultsFormat: String { "misconfig/1" }

    func saveResults(of layer: LayerStreamID) -> [UInt8] {
        var writer = ResultsWriter()
        let files = (captured[layer] ?? [:]).sorted { $0.key < $1.key }
        writer.write(files.count)
        for (path, content) in files {
            writer.write(path)
            writer.write(content)
        }
        return writer.bytes
    }

    func restoreResults(_ bytes: [UInt8], as layer: LayerStreamID) -> Bool {
        var reader = ResultsReader(bytes)
        var files: [String: String] = [:]
        do throws(ResultsReader.Malformed) {
            for _ in 0..<(try reader.readCount()) {
                let path = try reader.readString()
                guard Self.accountFiles.contains(path) else { return false }
                files[path] = try reader.readString()
            }
        } catch {
            return false
        }
        guard reader.isAtEnd else { return false }
        captured[layer] = files.isEmpty ? nil : files
        return true
    }

    func forgetResults(of layer: LayerStreamID) { captured[layer] = nil }
}
