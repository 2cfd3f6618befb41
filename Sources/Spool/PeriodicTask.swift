/// The timers the daemons run beside their event loop.
enum PeriodicTask {
    /// A task that calls `body` every `ms` milliseconds until it is cancelled.
    static func every(ms: Int, _ body: @escaping @Sendable () -> Void) -> Task<Void, Never> {
        Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(ms))
                body()
            }
        }
    }
}

extension SpoolConfiguration {
    /// How often settling files and deferred receipts are looked at again.
    var tickIntervalMs: Int { max(10, min(250, settleMs / 4)) }
    /// How often `pending/` is listed again (inotify misses other NFS clients' writes).
    var rescanIntervalMs: Int { max(100, Int(rescanSeconds * 1000)) }
}
