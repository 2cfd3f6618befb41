import Foundation

/// Runs blocking work (lock waits, recovery, database reads in the parsing hook) on a thread of
/// its own, so the shared concurrency pool — as wide as the cores — never waits on it.
enum BlockingWork {
    /// Runs `body` on a new thread and returns its result.
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.name = "spool-blocking"
            thread.start()
        }
    }

    /// Runs `body`, which cannot fail, on a thread of its own.
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: body()) }
            thread.name = "spool-blocking"
            thread.start()
        }
    }
}
