import Foundation
import Testing
import ImageReader
@testable import Detectors

/// Scans this machine's real Debian files as if they were one image layer. Nothing on a stock
/// Debian system is a secret, so every finding except the planted ones is a false positive.
@Suite("Stock Debian files (integration)")
struct StockDebianSecretsTests {
    static let roots = ["/etc", "/var/lib/dpkg/status", "/usr/share"]
    /// Real key material that Debian generates per machine (ssl-cert's snakeoil key, SSH host
    /// keys): true positives, not stock files.
///
/// Unoptimised test builds scan ~10 MB/s, so by default the scan stops after 48 MiB
/// (`/etc`, dpkg's status, then `/usr/share` in path order); `SPOOLSCAN_STOCK_SCAN_MB=0` scans
/// everything (about 400 MiB after the default skip list).
    static let machineKeys = [#"^etc/ssl/private/"#, #"^etc/ssh/ssh_host_"#]

    @Test("no secrets or malware are reported on stock files; planted secrets are",
          .enabled(if: FileManager.default.fileExists(atPath: "/var/lib/dpkg/status"),
                   "skipped: /var/lib/dpkg/status is absent (not a Debian machine)"))
    func stockFiles() throws {
        let detector = try SecretTestKit.detector()
        let malware = try MalwareDetector(rules: try YaraRuleSet.shared(builtin: true, folders: []), denyList: DenyList(),
                                      maxFileBytes: 32 << 20)
        let layer = LayerStreamID(1)
        detector.beginLayer(layer)
        var files = 0
        var bytes = 0
        let budget = (Int(ProcessInfo.processInfo.environment["SPOOLSCAN_STOCK_SCAN_MB"] ?? "") ?? 48) << 20
        scan: for root in Self.roots {
            for path in Self.regularFiles(under: root) {
                if budget > 0 && bytes > budget { break scan }
                guard let data = FileManager.default.contents(atPath: path) else { continue }
                let entry = LayerEntry(path: String(path.dropFirst()), kind: .regular, size: Int64(data.count))
                if let sink = malware.visitFile(entry, layer: layer) {
                    FakeReader.feed([UInt8](data), to: sink, chunkSize: 1 << 20)
                }
                guard let sink = detector.visitFile(entry, layer: layer) else { continue }
                FakeReader.feed([UInt8](data), to: sink, chunkSize: 1 << 20)
                files += 1
                bytes += data.count
            }
        }
        let planted = "export GITHUB_TOKEN=" + Fake.github("ghp_") + "\n"
        let plantedEntry = LayerEntry(path: "etc/planted/env.sh", kind: .regular, size: Int64(planted.utf8.count))
        if let sink = detector.visitFile(plantedEntry, layer: layer) {
            FakeReader.feed(Array(planted.utf8), to: sink, chunkSize: 7)
        }
        detector.endLayer(layer)
        let machine = try Self.machineKeys.map { RegexMatcher(try CompiledRegex($0)) }
        let hits = (detector.hits[layer] ?? []).filter { hit in !machine.contains { $0.matches(hit.path) } }
        let described = hits.map { "\($0.path):\($0.hit.line) \(detector.ruleSet.rules[$0.hit.rule].id) \($0.hit.redacted)" }
        #expect(described == ["etc/planted/env.sh:1 github-pat ghp_****"], "scanned \(files) files, \(bytes >> 20) MiB")
        #expect(files > 100)
        #expect((malware.matches[layer] ?? []).map { "\($0.path) \($0.rule)" } == [])
    }

    static func regularFiles(under root: String) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [root] }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return [] }
        var result: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let path = root + "/" + relative
            if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
               attributes[.type] as? FileAttributeType == .typeRegular {
                result.append(path)
            }
        }
        return result.sorted()
    }
}
