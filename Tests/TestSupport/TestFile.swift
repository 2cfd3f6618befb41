/// One entry of a test layer or tar: a file with bytes, a folder, a link, a FIFO.
///
/// Whiteouts are ordinary empty files named `.wh.NAME` (``whiteout(_:)``) or `.wh..wh..opq`
/// (``opaqueWhiteout(in:)``), exactly as they appear in real layers.
public struct TestFile: Sendable, Equatable {
    /// A regular file's content.
    public enum Content: Sendable, Equatable {
        case bytes([UInt8])
        /// `count` copies of `byte`, generated while writing (for big files).
        case repeating(UInt8, count: Int64)
        /// A sparse file of `size` bytes: each region's bytes at its offset, holes of zeros
        /// elsewhere (written sparse in the pax format only; other formats store the zeros).
        case sparse(size: Int64, regions: [SparseRegion])

        /// The size in bytes.
        public var size: Int64 {
            switch self {
            case .bytes(let bytes): Int64(bytes.count)
            case .repeating(_, let count): count
            case .sparse(let size, _): size
            }
        }
    }

    /// One data region of a sparse file.
    public struct SparseRegion: Sendable, Equatable {
        public var offset: Int64
        public var bytes: [UInt8]
        public init(offset: Int64, bytes: [UInt8]) { self.offset = offset; self.bytes = bytes }
    }

    public enum Kind: Sendable, Equatable {
        case regular(Content)
        case directory
        case symlink(target: String)
        case hardlink(target: String)
        case fifo
        /// A character device node (e.g. `dev/null`, major 1 minor 3).
        case characterDevice(major: Int, minor: Int)
    }

    /// The path exactly as written into the tar header (may be hostile: `../x`, `/etc/x`).
    public var path: String
    public var kind: Kind
    /// Permission and special bits, e.g. `0o4755` for a setuid binary.
    public var mode: UInt32
    public var uid: Int
    public var gid: Int

    public init(path: String, kind: Kind, mode: UInt32, uid: Int = 0, gid: Int = 0) {
        self.path = path; self.kind = kind; self.mode = mode; self.uid = uid; self.gid = gid
    }

    /// A regular file holding `text` as UTF-8.
    public static func file(_ path: String, _ text: String, mode: UInt32 = 0o644, uid: Int = 0, gid: Int = 0) -> TestFile {
        TestFile(path: path, kind: .regular(.bytes(Array(text.utf8))), mode: mode, uid: uid, gid: gid)
    }

    /// A regular file holding `bytes`.
    public static func file(_ path: String, bytes: [UInt8], mode: UInt32 = 0o644) -> TestFile {
        TestFile(path: path, kind: .regular(.bytes(bytes)), mode: mode)
    }

    /// A regular file of `count` bytes all equal to `byte`, never held in memory.
    public static func largeFile(_ path: String, repeating byte: UInt8 = 0, count: Int64, mode: UInt32 = 0o644) -> TestFile {
        TestFile(path: path, kind: .regular(.repeating(byte, count: count)), mode: mode)
    }

    /// A folder.
    public static func directory(_ path: String, mode: UInt32 = 0o755) -> TestFile {
        TestFile(path: path, kind: .directory, mode: mode)
    }

    /// A symbolic link to `target` (written as given).
    public static func symlink(_ path: String, to target: String) -> TestFile {
        TestFile(path: path, kind: .symlink(target: target), mode: 0o777)
    }

    /// A hard link to `target`, a path earlier in the same tar.
    public static func hardlink(_ path: String, to target: String, mode: UInt32 = 0o644) -> TestFile {
        TestFile(path: path, kind: .hardlink(target: target), mode: mode)
    }

    /// A FIFO (named pipe).
    public static func fifo(_ path: String) -> TestFile {
        TestFile(path: path, kind: .fifo, mode: 0o644)
    }

    /// A character device node.
    public static func characterDevice(_ path: String, major: Int = 1, minor: Int = 3) -> TestFile {
        TestFile(path: path, kind: .characterDevice(major: major, minor: minor), mode: 0o666)
    }

    /// The whiteout that deletes `path` from lower layers: an empty file `parent/.wh.NAME`.
    public static func whiteout(_ path: String) -> TestFile {
        let parts = path.split(separator: "/")
        let parent = parts.dropLast().joined(separator: "/")
        let marker = ".wh." + (parts.last.map(String.init) ?? "")
        return .file(parent.isEmpty ? marker : parent + "/" + marker, "")
    }

    /// The opaque whiteout that hides every lower-layer child of `directory`: `directory/.wh..wh..opq`.
    public static func opaqueWhiteout(in directory: String) -> TestFile {
        .file(directory.isEmpty ? ".wh..wh..opq" : directory + "/.wh..wh..opq", "")
    }
}
