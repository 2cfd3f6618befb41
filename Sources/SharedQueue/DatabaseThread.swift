import Foundation
import SpoolscanCore

/// A thread of its own that owns one PostgreSQL connection and runs work on it in order.
///
/// libpq calls block, so they never run on Swift's cooperative pool; and the connection handle
/// never leaves this thread: work receives it as an argument (``Session``), and only copied
/// results come back. A broken connection is dropped and opened again by the next piece of work.
final class DatabaseThread: @unchecked Sendable {
    /// The connection as the thread's work sees it: opened on first use, reopened after a break.
    final class Session {
        let url: String
        let application: String
        private(set) var current: PGConnection?
        /// Called after each new connection (LISTEN, for instance).
        var onConnect: ((PGConnection) throws(SpoolscanError) -> Void)?

        init(url: String, application: String) {
            self.url = url
            self.application = application
        }

        /// The open connection, connecting first when there is none.
        func connection() throws(SpoolscanError) -> PGConnection {
            if let current, current.isUsable { return current }
            current = nil
            let fresh = try PGConnection(url: url, application: application)
            try onConnect?(fresh)
            current = fresh
            return fresh
        }

        /// Runs `body` on the connection; drops the connection when it turned out broken.
        func with<T>(_ body: (PGConnection) throws -> T) throws -> T {
            let connection = try connection()
            do {
                return try body(connection)
            } catch {
                if !connection.isUsable || (error as? SpoolscanError)?.code == .queueUnreachable { current = nil }
                throw error
            }
        }

        func close() { current = nil }
    }

    private let condition = NSCondition()
    private var work: [(Session) -> Void] = []
    private var closed = false

    /// Starts the thread; nothing connects until the first piece of work.
    init(url: String, application: String, name: String) {
        let session = SessionBox(Session(url: url, application: application))
        let worker = Thread { self.loop(session.session) }  // ends at close()
        worker.name = name
        worker.start()
    }

    /// Runs `body` with the session on the database thread and returns its result.
    func run<T: Sendable>(_ body: @escaping @Sendable (Session) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            condition.withLock {
                guard !closed else {
                    continuation.resume(throwing: SpoolscanError(.queueUnreachable, "connection closed"))
                    return
                }
                work.append { session in continuation.resume(with: Result { try body(session) }) }
                condition.signal()
            }
        }
    }

    /// Closes the connection after the work already queued, and ends the thread.
    func close() {
        condition.withLock {
            closed = true
            condition.signal()
        }
    }

    private func loop(_ session: Session) {
        while true {
            condition.lock()
            while work.isEmpty && !closed { condition.wait() }
            if work.isEmpty {
                condition.unlock()
                session.close()
                return
            }
            let next = work.removeFirst()
            condition.unlock()
            next(session)
        }
    }

    /// Carries the session into the thread's closure (it is used there only).
    private final class SessionBox: @unchecked Sendable {
        let session: Session
        init(_ session: Session) { self.session = session }
    }
}
