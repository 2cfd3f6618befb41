import CArchive
import SpoolscanCore

/// Decompresses a gzip or zstd stream with libarchive's raw format, enforcing the
/// compression-ratio limit against the compressed bytes consumed so far.
final class DecompressingByteStream: ByteStream {
    private let compressed: HashingByteStream
    private let reader: LibarchiveReader
    private let budget: ReadBudget
    private let label: String
    private var ended = false
    /// Decompressed bytes produced so far.
    private(set) var expandedCount: Int64 = 0

    /// `compressed` counts the stored bytes; `compression` is what the magic bytes said.
    init(compressed: HashingByteStream, compression: Compression, budget: ReadBudget, label: String) throws(SpoolscanError) {
        self.compressed = compressed
        self.budget = budget
        self.label = label
        reader = try LibarchiveReader(source: compressed, role: .decompressor, label: label)
        let expected = compression == .gzip ? ARCHIVE_FILTER_GZIP : ARCHIVE_FILTER_ZSTD
        guard try reader.nextHeader() != nil else {
            throw SpoolscanError(.corruptCompression, "\(label): empty \(compression.rawValue) stream")
        }
        if reader.filterCode(0) != expected {
            throw SpoolscanError(.corruptCompression, "\(label): invalid \(compression.rawValue) header")
        }
    }

    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer {
        while !ended {
            guard let (bytes, _) = try reader.nextBlock() else {
                ended = true
                break
            }
            if bytes.isEmpty { continue }
            expandedCount += Int64(bytes.count)
            try budget.checkRatio(compressed: compressed.count, expanded: expandedCount, label: label)
            return bytes
        }
        return UnsafeRawBufferPointer(start: nil, count: 0)
    }
}
