import ImageReader

/// The stored form of one layer's analysis: a format byte, the entries, then each visitor's
/// saved results. The diffID, blob digest and compression live in their own columns.
enum LayerAnalysisCodec {
    static let format: UInt8 = 1

    static func encode(_ analysis: CachedLayerAnalysis) -> [UInt8] {
        var writer = ResultsWriter()
        writer.write(UInt64(format))
        writer.write(analysis.entries.count)
        for entry in analysis.entries { entry.write(to: &writer) }
        writer.write(analysis.results.count)
        for result in analysis.results { writer.write(bytes: result) }
        return writer.bytes
    }

    /// The entries and results stored in `data`; throws for anything damaged.
    static func decode(_ data: [UInt8]) throws(ResultsReader.Malformed) -> (entries: [LayerEntry], results: [[UInt8]]) {
        var reader = ResultsReader(data)
        guard try reader.readUInt64() == UInt64(format) else { throw ResultsReader.Malformed() }
        let entryCount = try reader.readCount()
        var entries: [LayerEntry] = []
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount { entries.append(try LayerEntry(from: &reader)) }
        let resultCount = try reader.readCount()
        var results: [[UInt8]] = []
        for _ in 0..<resultCount { results.append(try reader.readBytes()) }
        guard reader.isAtEnd else { throw ResultsReader.Malformed() }
        return (entries, results)
    }
}
