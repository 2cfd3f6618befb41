import ImageReader
import ScanReport

/// Saving and restoring one layer's captured files (parsed packages, release files, licences)
/// and file warnings, for the layer cache.
extension PackageCataloguer: LayerResultsRecording {
    public var resultsFormat: String {
        "packages/1 capture=\(limits.maxCapturedFileBytes) metadata=\(limits.maxMetadataBytes)"
    }

    public func saveResults(of layer: LayerStreamID) -> [UInt8] {
        var writer = ResultsWriter()
        let files = captured.filter { $0.key.stream == layer }.sorted { $0.key.path < $1.key.path }
        writer.write(files.count)
        for (key, file) in files {
            writer.write(key.path)
            switch file {
            case .raw(let bytes):
                writer.write(0)
                writer.write(bytes: bytes)
            case .records(let records):
                writer.write(1)
                writer.write(records.count)
                for record in records { record.write(to: &writer) }
            case .licenses(let licenses):
                writer.write(2)
                writer.write(licenses)
            }
        }
        let warned = fileWarnings.keys.filter { $0.stream == layer }.sorted { $0.path < $1.path }
        writer.write(warned.count)
        for key in warned {
            writer.write(key.path)
            writer.write(fileWarnings[key] ?? [])
        }
        return writer.bytes
    }

    public func restoreResults(_ bytes: [UInt8], as layer: LayerStreamID) -> Bool {
        var reader = ResultsReader(bytes)
        var files: [FileKey: Captured] = [:]
        var warnings: [FileKey: [String]] = [:]
        do throws(ResultsReader.Malformed) {
            for _ in 0..<(try reader.readCount()) {
                let key = FileKey(stream: layer, path: try reader.readString())
                switch try reader.readInt() {
                case 0: files[key] = .raw(try reader.readBytes())
                case 1:
                    var records: [PackageRecord] = []
                    for _ in 0..<(try reader.readCount()) { records.append(try PackageRecord(from: &reader)) }
                    files[key] = .records(records)
                case 2: files[key] = .licenses(try reader.readStrings())
                default: throw ResultsReader.Malformed()
                }
            }
            for _ in 0..<(try reader.readCount()) {
                warnings[FileKey(stream: layer, path: try reader.readString())] = try reader.readStrings()
            }
            guard reader.isAtEnd else { return false }
        } catch {
            return false
        }
        captured.merge(files) { _, new in new }
        fileWarnings.merge(warnings) { _, new in new }
        return true
    }

    public func forgetResults(of layer: LayerStreamID) {
        captured = captured.filter { $0.key.stream != layer }
        fileWarnings = fileWarnings.filter { $0.key.stream != layer }
        streams.remove(layer)
    }
}

extension PackageRecord {
    func write(to writer: inout ResultsWriter) {
        writer.write(name)
        writer.write(version)
        writer.write(type.rawValue)
        writer.write(sourceName)
        writer.write(sourceVersion)
        writer.write(arch)
        writer.write(licenses)
        writer.write(epoch)
        writer.write(innerPath)
    }

    init(from reader: inout ResultsReader) throws(ResultsReader.Malformed) {
        let name = try reader.readString()
        let version = try reader.readString()
        guard let type = PackageType(rawValue: try reader.readString()) else { throw ResultsReader.Malformed() }
        self.init(name: name, version: version, type: type, sourceName: try reader.readOptionalString(),
                  sourceVersion: try reader.readOptionalString(), arch: try reader.readOptionalString(),
                  licenses: try reader.readStrings(), epoch: try reader.readOptionalString(),
                  innerPath: try reader.readOptionalString())
    }
}
