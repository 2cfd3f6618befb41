import Foundation
import SpoolscanCore

/// Reads the small files a policy evaluation needs (policy, VEX documents) with a size bound.
enum BoundedFile {
    /// The bytes of `path`; `code` with the reason when it cannot be read or is over `maxBytes`.
    static func read(_ path: String, maxBytes: Int, code: ErrorCode) throws(SpoolscanError) -> Data {
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let size = attributes[.size] as? Int, size > maxBytes {
                throw SpoolscanError(code, "\(path): \(size) bytes, more than \(maxBytes)")
            }
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as SpoolscanError {
            throw error
        } catch {
            throw SpoolscanError(code, "\(path): \((error as NSError).localizedDescription)")
        }
    }
}
