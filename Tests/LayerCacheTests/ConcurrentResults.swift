import Foundation

/// Values collected from work run on several threads at once, one slot per run.
final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value?) { lock.withLock { storage[index] = value } }
    var values: [Value?] { lock.withLock { storage } }
}
