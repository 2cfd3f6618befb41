import Foundation
import SpoolscanCore
import TestSupport

/// Reads whole files in tests.
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { Array($0) }
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }
}

/// Edits the JSON members of an OCI artifact and keeps the blob names and descriptors consistent.
enum OCIEdit {
    /// Applies `edit` to every image manifest blob, renames it by its new digest, and updates `index.json`.
    static func rewriteManifests(_ members: [ArchiveMember], edit: (inout [String: Any]) -> Void) throws -> [ArchiveMember] {
        var result = members
        var renamed: [String: (String, Int)] = [:]
        for (position, member) in members.enumerated() where member.path.hasPrefix("blobs/") {
            guard var object = try? JSONSerialization.jsonObject(with: Data(member.bytes)) as? [String: Any],
                  object["layers"] != nil else { continue }
            edit(&object)
            let bytes = Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
            let hex = SHA256Hasher.hex(bytes)
            renamed["sha256:" + member.path.split(separator: "/").last!] = ("sha256:" + hex, bytes.count)
            result[position] = ArchiveMember(path: "blobs/sha256/" + hex, bytes: bytes)
        }
        guard let indexPosition = result.firstIndex(where: { $0.path == "index.json" }),
              var index = try JSONSerialization.jsonObject(with: Data(result[indexPosition].bytes)) as? [String: Any],
              var manifests = index["manifests"] as? [[String: Any]] else { return result }
        for position in manifests.indices {
            if let (digest, size) = renamed[manifests[position]["digest"] as! String] {
                manifests[position]["digest"] = digest
                manifests[position]["size"] = size
            }
        }
        index["manifests"] = manifests
        result[indexPosition] = ArchiveMember(path: "index.json", bytes: Array(try JSONSerialization.data(withJSONObject: index)))
        return result
    }

}
