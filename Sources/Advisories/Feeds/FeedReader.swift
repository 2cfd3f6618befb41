import Foundation
import SpoolscanCore

/// Finds advisory feeds in files and folders and recognises each by its content, not its name:
/// a zip of OSV records (OSV's `<Ecosystem>/all.zip`), a single OSV record or array of records,
/// an Alpine secdb file, or the Debian security tracker's JSON.
enum FeedReader {
    enum Format: String { case osvZip = "OSV zip", osvJSON = "OSV JSON", alpineSecdb = "Alpine secdb", debianTracker = "Debian tracker" }

    /// Largest JSON file read into memory (the Debian tracker's JSON is ~100 MB).
    static let maxJSONBytes = 1 << 30

    /// Imports `path`: a feed file, or a folder searched recursively for `.json` and `.zip` files
    /// (inside folders, files that are not feeds are skipped and returned as warnings).
    @discardableResult
    static func read(path: String, into sink: FeedSink) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SpoolscanError(.dbImportFormat, "\(path): no such file or folder")
        }
        guard isDirectory.boolValue else { try readFile(path, into: sink); return [] }
        var warnings: [String] = []
        let files = (FileManager.default.enumerator(atPath: path)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".zip") }.sorted()
        for file in files {
            let full = (path as NSString).appendingPathComponent(file)
            var dir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &dir), !dir.boolValue else { continue }
            do { try readFile(full, into: sink) } catch let error as SpoolscanError where error.code == .dbImportFormat {
                warnings.append("skipped \(full): \(error.detail)")
            }
        }
        return warnings
    }

    /// Detects the format of one file and imports it.
    static func readFile(_ path: String, into sink: FeedSink) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SpoolscanError(.dbImportFormat, "\(path): cannot be read")
        }
        let head = (try? handle.read(upToCount: 4)) ?? Data()
        try? handle.close()
        if head.starts(with: [0x50, 0x4b, 0x03, 0x04]) {
            try ZipEntries.forEach(path: path) { name, data in
                do { try OSVParser.read(data, origin: path, into: sink) } catch is DecodingError {
                    throw SpoolscanError(.dbImportFormat, "\(path): \(name) is not an OSV record")
                }
            }
            return
        }
        let url = URL(fileURLWithPath: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maxJSONBytes else { throw SpoolscanError(.dbImportFormat, "\(path): larger than \(maxJSONBytes) bytes") }
        let data = try Data(contentsOf: url, options: .mappedIfSafe)
        try readJSON(data, origin: path, into: sink)
    }

    /// Detects and imports one JSON document.
    static func readJSON(_ data: Data, origin: String, into sink: FeedSink) throws {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw SpoolscanError(.dbImportFormat, "\(origin): not JSON")
        }
        switch format(of: object) {
        case .osvJSON?:
            do { try OSVParser.read(data, origin: origin, into: sink) } catch is DecodingError {
                throw SpoolscanError(.dbImportFormat, "\(origin): not a valid OSV record")
            }
        case .alpineSecdb?: try AlpineSecdbParser.read(object as! [String: Any], origin: origin, into: sink)
        case .debianTracker?: try DebianTrackerParser.read(object as! [String: Any], origin: origin, into: sink)
        case .osvZip?, nil:
            throw SpoolscanError(.dbImportFormat, "\(origin): not an OSV record, Alpine secdb or Debian tracker file")
        }
    }

    static func format(of object: Any) -> Format? {
        if let array = object as? [Any] {
            return array.allSatisfy({ isOSV($0) }) ? .osvJSON : nil
        }
        guard let dict = object as? [String: Any] else { return nil }
        if isOSV(dict) { return .osvJSON }
        if AlpineSecdbParser.looksLike(dict) { return .alpineSecdb }
        if DebianTrackerParser.looksLike(dict) { return .debianTracker }
        return nil
    }

    static func isOSV(_ object: Any) -> Bool {
        guard let dict = object as? [String: Any], dict["id"] is String else { return false }
        return dict["affected"] != nil || dict["modified"] != nil || dict["schema_version"] != nil
    }
}
