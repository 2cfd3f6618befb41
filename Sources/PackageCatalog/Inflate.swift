import CZlib

/// zlib decompression with an output cap (a compressed section is untrusted input).
enum Inflate {
    /// Why inflating failed.
    enum Failure: Error, CustomStringConvertible {
        case corrupt(String), tooLarge(Int)
        var description: String {
            switch self {
            case .corrupt(let message): return "corrupt zlib data (\(message))"
            case .tooLarge(let cap): return "inflates beyond \(cap) bytes"
            }
        }
    }

    /// Inflates a zlib stream (RFC 1950) into at most `cap` bytes.
    static func zlib(_ input: ArraySlice<UInt8>, cap: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("inflateInit failed")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var source = Array(input)
        var status: Int32 = Z_OK
        source.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = UInt32(inputBuffer.count)
            repeat {
                chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                }
                let produced = chunk.count - Int(stream.avail_out)
                output.append(contentsOf: chunk[0..<produced])
                if output.count > cap { status = Z_MEM_ERROR; return }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0)
        }
        if output.count > cap { throw .tooLarge(cap) }
        guard status == Z_STREAM_END else { throw .corrupt("zlib status \(status)") }
        return output
    }
}
