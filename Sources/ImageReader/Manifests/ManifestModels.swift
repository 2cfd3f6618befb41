import Foundation
import SpoolscanCore

/// One entry of docker save's `manifest.json`.
struct DockerManifestEntry: Decodable {
    let Config: String
    let RepoTags: [String]?
    let Layers: [String]
}

/// An OCI content descriptor.
struct OCIDescriptor: Decodable {
    let mediaType: String?
    let digest: String
    let size: Int64?
    let annotations: [String: String]?
}

/// An OCI image index (also `index.json`) or image manifest; which one it is shows in its fields.
struct OCIDocument: Decodable {
    let mediaType: String?
    let manifests: [OCIDescriptor]?
    let config: OCIDescriptor?
    let layers: [OCIDescriptor]?
}

/// Media types spoolscan knows, and what they are.
enum MediaTypes {
    static let indexes: Set<String> = [
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ]
    static let manifests: Set<String> = [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ]
    static let imageConfigs: Set<String> = [
        "application/vnd.oci.image.config.v1+json",
        "application/vnd.docker.container.image.v1+json",
    ]
}

/// Decodes metadata JSON, mapping any failure to `SCAN-012` with a one-line detail.
enum MetadataJSON {
    static func decode<T: Decodable>(_ type: T.Type, from blob: MetadataBlob, role: String) throws(SpoolscanError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(blob.bytes))
        } catch {
            throw SpoolscanError(.badManifest, "\(role) \(blob.path): \(summary(of: error))")
        }
    }

    private static func summary(of error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            return "not valid JSON (\(context.debugDescription.prefix(120)))"
        case DecodingError.keyNotFound(let key, _):
            return "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "unexpected value at \(field.isEmpty ? "top level" : field)"
        default:
            return "cannot decode"
        }
    }
}
