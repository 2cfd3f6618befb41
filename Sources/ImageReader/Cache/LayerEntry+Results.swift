extension LayerEntry {
    /// Writes the entry for a cached layer analysis.
    public func write(to writer: inout ResultsWriter) {
        writer.write(path)
        writer.write(Self.kinds.firstIndex(of: kind) ?? 0)
        writer.write(size)
        writer.write(UInt64(mode))
        writer.write(uid)
        writer.write(gid)
        writer.write(linkTarget)
    }

    /// Reads an entry written by ``write(to:)``.
    public init(from reader: inout ResultsReader) throws(ResultsReader.Malformed) {
        let path = try reader.readString()
        let kindIndex = try reader.readInt()
        guard Self.kinds.indices.contains(kindIndex) else { throw ResultsReader.Malformed() }
        let size = try reader.readInt64()
        let mode = try reader.readUInt64()
        guard size >= 0, mode <= 0o7777 else { throw ResultsReader.Malformed() }
        self.init(path: path, kind: Self.kinds[kindIndex], size: size, mode: UInt32(mode), uid: try reader.readInt(),
                  gid: try reader.readInt(), linkTarget: try reader.readOptionalString())
    }

    /// Kinds by their stored number (append only: the numbers are stored).
    private static let kinds: [Kind] = [.regular, .directory, .symlink, .hardlink, .whiteout, .opaqueWhiteout, .other]
}
