import SpoolscanCore

/// Passes bytes through unchanged while computing their SHA-256 and counting them, and
/// optionally charging them to the artifact's ``ReadBudget``.
final class HashingByteStream: ByteStream {
    private let upstream: ByteStream
    private let hasher: SHA256Hasher?
    private let budget: ReadBudget?
    private let label: String
    /// Bytes passed through so far.
    private(set) var count: Int64 = 0

    /// With `hashing` false the stream only counts (``finishDigest()`` must not be called).
    init(_ upstream: ByteStream, hashing: Bool = true, budget: ReadBudget? = nil, label: String = "") {
        self.upstream = upstream
        hasher = hashing ? SHA256Hasher() : nil
        self.budget = budget
        self.label = label
    }

    func nextChunk() throws(SpoolscanError) -> UnsafeRawBufferPointer {
        let chunk = try upstream.nextChunk()
        if !chunk.isEmpty {
            hasher?.update(chunk)
            count += Int64(chunk.count)
            try budget?.charge(Int64(chunk.count), label: label)
        }
        return chunk
    }

    /// Drains what is left and returns `sha256:<hex>` of every byte that passed through.
    func finishDigest() throws(SpoolscanError) -> String {
        try drain()
        guard let hasher else { preconditionFailure("digest of a counting-only stream") }
        return "sha256:" + hasher.finalizeHex()
    }
}
