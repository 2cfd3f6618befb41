import Foundation

/// Set by the heartbeat when another host took the job over; stops the scanner at once.
final class LeaseFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var lost = false
    private var finishing = false
    private var handler: (@Sendable () -> Void)?

    var isLost: Bool { lock.withLock { lost } }
    /// The scan is over and its result is being committed (the token decides from here on).
    var isFinishing: Bool { lock.withLock { finishing } }

    func startFinishing() { lock.withLock { finishing = true } }

    /// Marks the lease lost and runs the loss handler (once).
    func markLost() {
        let run = lock.withLock { () -> (@Sendable () -> Void)? in
            guard !lost else { return nil }
            lost = true
            return handler
        }
        run?()
    }

    /// Runs `body` when the lease is lost (now, if it already is).
    func onLoss(_ body: @escaping @Sendable () -> Void) {
        let already = lock.withLock { () -> Bool in
            handler = body
            return lost
        }
        if already { body() }
    }
}
