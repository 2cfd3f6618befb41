import Foundation
import SpoolscanCore

extension DetectorSuite {
    /// SHA-256 over everything that shapes the detectors' per-layer results: the effective
    /// options, the config file's bytes, the secret rules, the YARA rule texts (built-in and
    /// user files) and the deny list. Layer caches key their entries by it, so any rule or
    /// option change makes them miss.
    public var resultsFingerprint: String {
        let hasher = SHA256Hasher()
        func add(_ text: String) {
            var copy = text + "\n"
            copy.withUTF8 { hasher.update(UnsafeRawBufferPointer($0)) }
        }
        func addFile(_ path: String?) {
            guard let path else { return add("-") }
            let data = FileManager.default.contents(atPath: path) ?? Data()
            add("\(path) \(data.count)")
            data.withUnsafeBytes { hasher.update($0) }
        }
        add("detectors/1")
        add(String(describing: options))
        addFile(options.configFile)
        if options.secrets, let rules = try? DetectorSuite.secretRules(config.secrets ?? DetectorConfig.Secrets()) {
            // JSON with sorted keys: every field of every rule, without the cost of reflection.
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            add((try? encoder.encode(rules)).map { String(decoding: $0, as: UTF8.self) } ?? String(describing: rules))
        }
        if options.malware {
            if options.builtinYaraRules {
                for source in YaraSources.builtin() { add(source.namespace + " " + source.name); add(source.text) }
            }
            for file in (try? YaraSources.userRuleFiles(in: options.yaraRuleFolders)) ?? [] { addFile(file) }
            addFile(options.denyListFile)
        }
        return hasher.finalizeHex()
    }
}
