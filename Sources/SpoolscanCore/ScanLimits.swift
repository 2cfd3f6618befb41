/// Caps that bound the time and memory a hostile or huge artifact can cost.
///
/// Every limit is configurable (CLI flags and the config file); crossing one ends the scan with
/// a `SCAN-*` error rather than exhausting the machine.
public struct ScanLimits: Sendable, Codable, Equatable {
    /// Total uncompressed bytes read from all layers of one artifact (default 32 GiB).
    public var maxTotalBytes: Int64
    /// Largest uncompressed/compressed ratio accepted for one compressed stream once it has
    /// produced more than `ratioFloorBytes` (default 200:1).
    public var maxCompressionRatio: Int64
    /// A stream must expand beyond this many bytes before the ratio check applies (default 64 MiB),
    /// so tiny, highly compressible files never trip it.
    public var ratioFloorBytes: Int64
    /// Entries in one layer (default 2,000,000).
    public var maxEntriesPerLayer: Int
    /// Length of one entry's path in bytes (default 4096, PATH_MAX).
    public var maxPathLength: Int
    /// Length of one path component in bytes (default 255, NAME_MAX).
    public var maxNameLength: Int
    /// Size of a JSON document (manifest, index, config) read into memory (default 16 MiB).
    public var maxMetadataBytes: Int
    /// Largest single file whose content a cataloguer or detector may hold in memory (default 64 MiB).
    public var maxCapturedFileBytes: Int
    /// Symlinks followed while resolving one path (default 40, as Linux's ELOOP).
    public var maxSymlinkHops: Int

    public init(
        maxTotalBytes: Int64 = 32 << 30,
        maxCompressionRatio: Int64 = 200,
        ratioFloorBytes: Int64 = 64 << 20,
        maxEntriesPerLayer: Int = 2_000_000,
        maxPathLength: Int = 4096,
        maxNameLength: Int = 255,
        maxMetadataBytes: Int = 16 << 20,
        maxCapturedFileBytes: Int = 64 << 20,
        maxSymlinkHops: Int = 40
    ) {
        self.maxTotalBytes = maxTotalBytes
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioFloorBytes = ratioFloorBytes
        self.maxEntriesPerLayer = maxEntriesPerLayer
        self.maxPathLength = maxPathLength
        self.maxNameLength = maxNameLength
        self.maxMetadataBytes = maxMetadataBytes
        self.maxCapturedFileBytes = maxCapturedFileBytes
        self.maxSymlinkHops = maxSymlinkHops
    }

    /// The defaults.
    public static let standard = ScanLimits()
}
