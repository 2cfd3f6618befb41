import Foundation

/// Builds the benchmark corpus: dpkg's status, the apt lists, then /usr/share text files (no
/// NUL in their first 8 KiB), concatenated until the size is reached.
enum Corpus {
    static func build(megabytes: Int) -> String {
        let target = megabytes * 1_000_000
        let output = "/tmp/spoolscan-bench-\(megabytes)mb.txt"
        if let size = (try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? NSNumber,
           size.intValue >= target {
            return output
        }
        var data = Data()
        data.reserveCapacity(target)
        func add(_ path: String) {
            guard data.count < target, let bytes = FileManager.default.contents(atPath: path),
                  !bytes.prefix(8192).contains(0) else { return }
            data.append(bytes.prefix(target - data.count))
        }
        add("/var/lib/dpkg/status")
        for root in ["/var/lib/apt/lists", "/usr/share"] {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while data.count < target, let relative = walker.nextObject() as? String {
                let full = root + "/" + relative
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                    add(full)
                }
            }
        }
        _ = FileManager.default.createFile(atPath: output, contents: data)
        return output
    }
}
