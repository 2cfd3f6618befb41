import Foundation

/// A process-wide memo: compiled rule sets are built once per process and reused by every
/// scan that asks for the same inputs.
final class ProcessCache<Key: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Key: Value] = [:]

    init() {}

    /// The cached value for `key`, building it with `make` the first time. Build errors are
    /// not cached, so a fixed rule file is picked up on the next call.
    func value<E: Error>(for key: Key, make: () throws(E) -> Value) throws(E) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] { return value }
        let value = try make()
        values[key] = value
        return value
    }
}
