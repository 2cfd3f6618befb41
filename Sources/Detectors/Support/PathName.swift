/// The last component of a normalised layer path (no trailing `/`; see `LayerEntry`), taken on
/// its bytes: the file checks and the YARA file choice ask it of every file of an image.
enum PathName {
    /// The part of `path` after its last `/` (all of it when there is none).
    static func last(_ path: String) -> Substring {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path[...] }
        return path[path.utf8.index(after: slash)...]
    }
}
