import Foundation

/// Runs blocking work (lock waits, recovery, database reads in the parsing hook) on a thread of
/// its own, so the shared concurrency pool — as wide as the cores — never waits on it.
enum BlockingWork {
    /// Runs `body` on a new thread and returns its result or rethrows its typed error. Give the
    /// closure an explicit signature (`{ () throws(SpoolscanError) -> T in … }`): an inferred
    /// typed-throws closure makes the type checker slow.
    static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
            thread.name = "spool-blocking"
            thread.start()
        }
        return try result.get()
    }
}
