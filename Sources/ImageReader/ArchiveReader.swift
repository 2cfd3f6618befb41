import SpoolscanCore

/// Reads an image artifact (docker-archive, OCI archive or OCI layout folder, optionally
/// gzip/zstd-compressed as a whole) in one streaming pass, feeding every layer's files to the
/// visitors, verifying digests, and assembling each image's final filesystem.
public final class ArchiveReader {
    public let limits: ScanLimits

    public init(limits: ScanLimits = .standard) {
        self.limits = limits
    }

    /// Reads the artifact at `path`. Throws a `SCAN-*` ``SpoolscanError`` on bad input.
    public func read(path: String, visitors: [LayerVisitor]) throws(SpoolscanError) -> ReadArtifact {
        throw SpoolscanError(.internalError, "not implemented")
    }
}
