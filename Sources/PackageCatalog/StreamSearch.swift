#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds a byte string in a stream of chunks (matches across chunk boundaries too), with
/// `memchr` on its first byte, remembering only whether it was seen.
final class StreamSearch {
    private let needle: [UInt8]
    private var carry: [UInt8] = []
    /// True once the needle appeared.
    private(set) var found = false

    init(_ needle: [UInt8]) {
        precondition(!needle.isEmpty, "empty needle")
        self.needle = needle
    }

    /// Searches the next chunk.
    func feed(_ chunk: UnsafeRawBufferPointer) {
        guard !found, let base = chunk.baseAddress, chunk.count > 0 else { return }
        if !carry.isEmpty {
            let joined = carry + chunk.prefix(needle.count - 1)
            if contains(joined) { found = true; return }
        }
        found = Self.search(UnsafeRawBufferPointer(start: base, count: chunk.count), needle)
        carry = Array(chunk.suffix(needle.count - 1))
    }

    private func contains(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Self.search($0, needle) }
    }

    private static func search(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return false }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            guard let hit = memchr(base + start, Int32(needle[0]), last - start + 1) else { return false }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if (1..<needle.count).allSatisfy({ haystack[offset + $0] == needle[$0] }) { return true }
            start = offset + 1
        }
        return false
    }
}
