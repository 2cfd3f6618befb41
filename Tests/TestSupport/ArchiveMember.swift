import Foundation

/// One file of an image artifact: its path inside the archive (or layout folder) and its bytes.
public struct ArchiveMember: Sendable, Equatable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) { self.path = path; self.bytes = bytes }

    /// A member holding UTF-8 text.
    public init(path: String, text: String) { self.init(path: path, bytes: Array(text.utf8)) }

    /// Writes `members` as a tar at `path`, optionally gzip/zstd-compressed as a whole.
    public static func writeTar(_ members: [ArchiveMember], to path: String, compression: TarWriter.Filter = .none) throws {
        let writer = try TarWriter(path: path, format: .pax, filter: compression)
        for member in members { try writer.addFile(member.path, bytes: member.bytes) }
        try writer.finish()
    }

    /// Writes `members` as files below the folder `path` (created as needed).
    public static func writeFolder(_ members: [ArchiveMember], to path: String) throws {
        let fileManager = FileManager.default
        for member in members {
            let url = URL(fileURLWithPath: path).appendingPathComponent(member.path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(member.bytes).write(to: url)
        }
    }
}
