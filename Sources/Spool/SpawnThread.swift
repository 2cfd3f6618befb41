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

    /// Runs `body` on the spawn thread and waits for its result (a spawn takes about a millisecond).
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let done = DispatchSemaphore(value: 0)
        let box = Box<T>()
        condition.withLock {
            work.append {
                box.result = Result { try body() }
                done.signal()
            }
            condition.signal()
        }
        done.wait()
        return try box.result!.get()
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

    private final class Box<T: Sendable>: @unchecked Sendable {
        var result: Result<T, any Error>?
    }
}
