/// One entry of a layer tar, with its path normalised (no leading `/` or `./`, no trailing `/`).
public struct LayerEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case regular, directory, symlink, hardlink
        /// `.wh.NAME`: deletes NAME from lower layers. `path` is the deleted path (NAME, not `.wh.NAME`).
        case whiteout
        /// `.wh..wh..opq`: hides every lower-layer child of the folder. `path` is the folder.
        case opaqueWhiteout
        /// Device nodes, FIFOs and sockets: recorded, never read.
        case other
    }

    public var path: String
    public var kind: Kind
    /// Size in bytes for regular files; 0 otherwise.
    public var size: Int64
    /// Permission and special bits (`0o4755` for a setuid binary); no file-type bits.
    public var mode: UInt32
    public var uid: Int
    public var gid: Int
    /// Symlink target as written, or the hard link's target path (normalised).
    public var linkTarget: String?

    public init(path: String, kind: Kind, size: Int64 = 0, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0,
                linkTarget: String? = nil) {
        self.path = path; self.kind = kind; self.size = size; self.mode = mode
        self.uid = uid; self.gid = gid; self.linkTarget = linkTarget
    }
}

/// Identifies one layer stream while the artifact is read, before the manifest says where it
/// belongs (docker save writes `manifest.json` last). A layer shared by several images of one
/// artifact is read once and has one id.
public struct LayerStreamID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: LayerStreamID, b: LayerStreamID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "layer-stream-\(rawValue)" }
}
