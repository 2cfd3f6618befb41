import ImageReader
import ScanReport
import SpoolscanCore

/// The misconfiguration detector: captures the account files while layers stream, then runs
/// the config, history, filesystem and account checks on each image.
final class MisconfigDetector: LayerVisitor {
    static let accountFiles: Set<String> = ["etc/passwd", "etc/shadow", "etc/group"]
    static let maxAccountFileBytes = 4 << 20

    let disabled: Set<String>
    private let history: HistoryChecks
    /// Account files by layer stream and path (every version; the visible one is picked per image).
    var captured: [LayerStreamID: [String: String]] = [:]

    init(disabled: Set<String>) throws(SpoolscanError) {
        let known = Set(MisconfigCheck.all.map(\.id))
        if let unknown = disabled.sorted().first(where: { !known.contains($0) }) {
            throw SpoolscanError(.configInvalid, "misconfigurations.disabledChecks: no check \(unknown)")
        }
        self.disabled = disabled
        self.history = try HistoryChecks()
    }

    func visitFile(_ entry: LayerEntry, layer: LayerStreamID) -> FileSink? {
        guard entry.kind == .regular, Self.accountFiles.contains(entry.path) else { return nil }
        return CapturingSink(cap: Self.maxAccountFileBytes, expectedSize: entry.size) { [weak self] bytes, _ in
            self?.captured[layer, default: [:]][entry.path] = String(decoding: bytes, as: UTF8.self)
        }
    }

    /// The content of `path` as the image's final filesystem shows it.
    private func visibleContent(_ path: String, in image: ReadImage) -> String? {
        guard let node = image.filesystem.node(at: path), node.layerIndex < image.layers.count else { return nil }
        return captured[image.layers[node.layerIndex].streamID]?[path]
    }

    func findings(for image: ReadImage) -> [Misconfiguration] {
        var result = ConfigChecks.run(image) + history.run(image)
        let filesystem = FilesystemChecks.run(image)
        result += filesystem.misconfigurations
        let credentials = ConfigChecks.secretEnvNames(image) + filesystem.credentialFiles
        if !credentials.isEmpty { result.append(MisconfigCheck.credentials.finding(credentials)) }
        let ssh = FilesystemChecks.sshServer(image) + ConfigChecks.exposesSSH(image)
        if !ssh.isEmpty { result.append(MisconfigCheck.ssh.finding(ssh)) }
        result += AccountChecks.run(passwd: visibleContent("etc/passwd", in: image),
                                    shadow: visibleContent("etc/shadow", in: image),
                                    group: visibleContent("etc/group", in: image))
        // Merge the two sources of DKL-DI-0004 (history and cache files) and order by the catalogue.
        var merged: [String: Misconfiguration] = [:]
        for finding in result where !disabled.contains(finding.id) {
            if var existing = merged[finding.id] {
                existing.evidence = MisconfigCheck.capped(existing.evidence + finding.evidence)
                merged[finding.id] = existing
            } else {
                merged[finding.id] = finding
            }
        }
        return MisconfigCheck.all.compactMap { merged[$0.id] }
    }
}
