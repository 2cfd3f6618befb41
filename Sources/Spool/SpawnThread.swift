import Foundation

/// One thread that lives as long as the process and runs every scanner spawn. A child's
/// parent-death signal (`PR_SET_PDEATHSIG`) fires when the *thread* that created it exits; pool
/// threads come and go, this one does not.
final class SpawnThread: @unchecked Sendable {
    static let shared = SpawnThread()

    private let condition = NSCondition()
    private var work: [@Sendable () -> Void] = []

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "scanner-spawn"
        thread.start()
    }

    /// Runs `body` on the spawn thread and returns its result (a spawn takes about a millisecond);
    /// the caller's task is suspended meanwhile, so no thread of the shared pool waits for it.
    func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            condition.withLock {
                work.append { continuation.resume(returning: Result { () throws(E) -> T in try body() }) }
                condition.signal()
            }
        }
        return try result.get()
    }

    private func loop() {
        while true {
            condition.lock()
            while work.isEmpty { condition.wait() }
            let next = work.removeFirst()
            condition.unlock()
            next()
        }
    }
}
