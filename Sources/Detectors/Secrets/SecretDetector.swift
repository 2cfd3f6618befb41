import ImageReader
import ScanReport
import SpoolscanCore

/// The secret detector: a ``LayerVisitor`` that streams every layer's files through a
/// ``SecretStream``, and then turns the redacted hits into ``SecretFinding``s for one image
/// (adding the image config's Env and history).
final class SecretDetector: LayerVisitor {
    struct FileHit {
        var path: String
        var hit: RawSecretHit
    }

    let ruleSet: SecretRuleSet
    private let matchers: [RegexMatcher]
    private let filter: SecretPathFilter
    /// Hits per layer stream, in reading order.
    var hits: [LayerStreamID: [FileHit]] = [:]

    init(ruleSet: SecretRuleSet, filter: SecretPathFilter) {
        self.ruleSet = ruleSet
        self.matchers = ruleSet.makeMatchers()
        self.filter = filter
    }

    func visitFile(_ entry: LayerEntry, layer: LayerStreamID) -> FileSink? {
        guard entry.kind == .regular, entry.size > 0, filter.shouldScan(entry.path) else { return nil }
        let stream = SecretStream(ruleSet: ruleSet, matchers: matchers)
        return SecretSink(stream: stream) { [weak self] found in
            guard !found.isEmpty else { return }
            self?.hits[layer, default: []].append(contentsOf: found.map { FileHit(path: entry.path, hit: $0) })
        }
    }

    /// Scans one in-memory text (an Env entry, a history line) without the binary check.
    func scanText(_ text: String) -> [RawSecretHit] {
        let stream = SecretStream(ruleSet: ruleSet, matchers: matchers, checkBinary: false)
        var copy = text
        _ = copy.withUTF8 { stream.feed(UnsafeRawBufferPointer($0)) }
        stream.finish()
        return stream.hits
    }

    /// Findings for `image`: hits from the layers it uses, then its config's Env and history.
    func findings(for image: ReadImage) -> [SecretFinding] {
        var result: [SecretFinding] = []
        for (index, layer) in image.layers.enumerated() {
            let ref = LayerRef(index: index, diffID: layer.diffID)
            // A tar may hold one path twice: report a rule once per path, line and layer.
            var seen = Set<String>()
            for fileHit in hits[layer.streamID] ?? []
            where seen.insert("\(fileHit.hit.rule):\(fileHit.hit.line):\(fileHit.path)").inserted {
                let deleted = !image.filesystem.isVisible(path: fileHit.path, fromLayer: index)
                let found = finding(fileHit.hit, path: fileHit.path, layer: ref, deleted: deleted)
                if let placed = SecretPathRule.apply(found, rule: ruleSet.rules[fileHit.hit.rule],
                                                     place: SecretPathRule.place(of: fileHit.path)) {
                    result.append(placed)
                }
            }
        }
        for (index, entry) in (image.config.config?.Env ?? []).enumerated() {
            for hit in scanText(entry) {
                result.append(finding(RawSecretHit(rule: hit.rule, line: index + 1, redacted: hit.redacted),
                                      path: "config:Env", layer: nil, deleted: false))
            }
        }
        var layerIndex = 0
        for (index, history) in (image.config.history ?? []).enumerated() {
            let ref: LayerRef? = history.empty_layer == true || layerIndex >= image.layers.count
                ? nil : LayerRef(index: layerIndex, diffID: image.layers[layerIndex].diffID)
            if history.empty_layer != true { layerIndex += 1 }
            guard let line = history.created_by else { continue }
            for hit in scanText(line) {
                result.append(finding(hit, path: "config:history[\(index)]", layer: ref, deleted: false))
            }
        }
        return result
    }

    private func finding(_ hit: RawSecretHit, path: String, layer: LayerRef?, deleted: Bool) -> SecretFinding {
        let rule = ruleSet.rules[hit.rule]
        var finding = SecretFinding(ruleID: rule.id, category: rule.category, severity: rule.severity, title: rule.title,
                                    path: path, line: hit.line, match: hit.redacted, layer: layer, deletedInLaterLayer: deleted)
        finding.confidence = rule.confidence
        return finding
    }
}

/// Feeds one file into a ``SecretStream`` and reports its hits when the file ends.
final class SecretSink: FileSink {
    private let stream: SecretStream
    private let onFinish: ([RawSecretHit]) -> Void

    init(stream: SecretStream, onFinish: @escaping ([RawSecretHit]) -> Void) {
        self.stream = stream
        self.onFinish = onFinish
    }

    func write(_ chunk: UnsafeRawBufferPointer) -> Bool { stream.feed(chunk) }

    func finish(complete: Bool) {
        stream.finish()
        onFinish(stream.hits)
    }
}
