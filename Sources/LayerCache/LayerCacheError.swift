import SQLiteDB

/// Why the layer cache file cannot be used: not a SQLite database, another program's database,
/// a newer layout, damaged pages, or a host problem (permissions, disk full).
public struct LayerCacheError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    init(_ error: SQLiteError, path: String) {
        message = "\(path): \(error.message) (sqlite \(error.code))"
    }

    /// Any failure of a cache operation on `path`, as a cache error.
    init(any error: any Error, path: String) {
        switch error {
        case let error as LayerCacheError: self = error
        case let error as SQLiteError: self.init(error, path: path)
        default: self.init("\(path): \(error)")
        }
    }

    public var description: String { message }
}
