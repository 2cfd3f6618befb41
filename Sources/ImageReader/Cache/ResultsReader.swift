/// Reads what ``ResultsWriter`` wrote. Every read checks the bounds: truncated or hostile
/// bytes throw ``Malformed``, never crash or allocate more than the input holds.
public struct ResultsReader {
    /// The bytes end early or hold an impossible length.
    public struct Malformed: Error, Sendable {
        public init() {}
    }

    private let bytes: [UInt8]
    private var position = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True once every byte has been read.
    public var isAtEnd: Bool { position == bytes.count }

    public mutating func readUInt64() throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw Malformed() }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    public mutating func readInt() throws(Malformed) -> Int { Int(Int64(bitPattern: try readUInt64())) }

    public mutating func readInt64() throws(Malformed) -> Int64 { Int64(bitPattern: try readUInt64()) }

    public mutating func readBool() throws(Malformed) -> Bool {
        guard position < bytes.count, bytes[position] <= 1 else { throw Malformed() }
        position += 1
        return bytes[position - 1] == 1
    }

    /// A count of items still to come; each item takes at least one byte, so a count larger than
    /// what is left is malformed.
    public mutating func readCount() throws(Malformed) -> Int {
        let count = try readUInt64()
        guard count <= UInt64(bytes.count - position) else { throw Malformed() }
        return Int(count)
    }

    public mutating func readBytes() throws(Malformed) -> [UInt8] {
        let count = try readCount()
        defer { position += count }
        return Array(bytes[position..<(position + count)])
    }

    public mutating func readString() throws(Malformed) -> String {
        let count = try readCount()
        defer { position += count }
        return String(decoding: bytes[position..<(position + count)], as: UTF8.self)
    }

    public mutating func readOptionalString() throws(Malformed) -> String? {
        try readBool() ? try readString() : nil
    }

    public mutating func readStrings() throws(Malformed) -> [String] {
        let count = try readCount()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try readString()) }
        return values
    }
}
