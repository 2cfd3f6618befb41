import Foundation
import SpoolscanCore
import ZipArchive

/// The `.json` records of an OSV `all.zip`, streamed from the file one entry at a time
/// through ``ZipReader``, without unpacking to disk.
enum ZipEntries {
    /// Largest entry read into memory (an OSV record is a few KB; this bounds a hostile archive).
    static let maxEntryBytes = 64 << 20

    /// Calls `body(name, bytes)` for each regular file whose name ends in `suffix`.
    static func forEach(path: String, suffix: String = ".json", _ body: (String, Data) throws -> Void) throws {
        var failure: Error?
        do {
            try ZipReader.walk(path: path, want: { name in name.hasSuffix(suffix) ? .read(cap: maxEntryBytes) : .skip }) { name, data in
                guard data.complete else {
                    failure = SpoolscanError(.dbImportFormat, "\(path): \(name) larger than \(maxEntryBytes) bytes")
                    return false
                }
                do { try body(name, Data(data.bytes)) } catch {
                    failure = error
                    return false
                }
                return true
            }
        } catch {
            throw SpoolscanError(.dbImportFormat, "\(path): \(error)")
        }
        if let failure { throw failure }
    }
}
