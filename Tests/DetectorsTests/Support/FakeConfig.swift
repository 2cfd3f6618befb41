import Foundation
import ImageReader

/// Image config pieces that have no public memberwise initialiser, decoded from JSON.
enum FakeConfig {
    /// History entries from `(created_by, empty_layer)` pairs.
    static func history(_ entries: [(String, Bool)]) throws -> [ImageConfig.History] {
        let objects: [[String: Any]] = entries.map { ["created_by": $0.0, "empty_layer": $0.1] }
        let data = try JSONSerialization.data(withJSONObject: objects)
        return try JSONDecoder().decode([ImageConfig.History].self, from: data)
    }

    /// A healthcheck with the given test.
    static func healthcheck(_ test: [String]) throws -> ImageConfig.Healthcheck {
        let data = try JSONSerialization.data(withJSONObject: ["Test": test])
        return try JSONDecoder().decode(ImageConfig.Healthcheck.self, from: data)
    }
}
