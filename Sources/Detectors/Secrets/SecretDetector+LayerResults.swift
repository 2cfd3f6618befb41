import ImageReader

/// Saving and restoring one layer's redacted secret hits, for the layer cache. Rule numbers
/// index the rule set, which the suite's ``DetectorSuite/resultsFingerprint`` covers.
extension SecretDetector: LayerResultsRecording {
    var resultsFormat: String { "secrets/1" }

    func saveResults(of layer: LayerStreamID) -> [UInt8] {
        var writer = ResultsWriter()
        let layerHits = hits[layer] ?? []
        writer.write(layerHits.count)
        for fileHit in layerHits {
            writer.write(fileHit.path)
            writer.write(fileHit.hit.rule)
            writer.write(fileHit.hit.line)
            writer.write(fileHit.hit.redacted)
        }
        return writer.bytes
    }

    func restoreResults(_ bytes: [UInt8], as layer: LayerStreamID) -> Bool {
        var reader = ResultsReader(bytes)
        var restored: [FileHit] = []
        do throws(ResultsReader.Malformed) {
            for _ in 0..<(try reader.readCount()) {
                let path = try reader.readString()
                let rule = try reader.readInt()
                guard ruleSet.rules.indices.contains(rule) else { return false }
                restored.append(FileHit(path: path, hit: RawSecretHit(rule: rule, line: try reader.readInt(),
                                                                      redacted: try reader.readString())))
            }
        } catch {
            return false
        }
        guard reader.isAtEnd else { return false }
        hits[layer] = restored.isEmpty ? nil : restored
        return true
    }

    func forgetResults(of layer: LayerStreamID) { hits[layer] = nil }
}
