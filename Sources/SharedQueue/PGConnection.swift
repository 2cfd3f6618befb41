import CLibPQ
import Foundation
import SpoolscanCore

/// One libpq connection: parameterised statements, transactions, LISTEN/NOTIFY.
///
/// Not `Sendable`: a connection lives on the thread that opened it (``DatabaseThread``) and is
/// never handed to another. Every call blocks; results are copied out (``PGRows``) and freed at
/// once. Errors carry `HNDL-022` when the connection is gone (the caller reconnects later) and
/// `HNDL-024` when the server refused a statement.
final class PGConnection {
    private let handle: OpaquePointer

    /// Connects to `url` (`postgres://…` or a libpq key/value string), waiting at most
    /// `timeoutSeconds`; sets per-session limits so a stalled holder of a row lock cannot block
    /// the others: `idle_in_transaction_session_timeout` and `lock_timeout`.
    init(url: String, application: String, timeoutSeconds: Int = 5) throws(SpoolscanError) {
        let keys = ["dbname", "connect_timeout", "application_name", "keepalives_idle", "keepalives_interval",
                    "keepalives_count", "tcp_user_timeout"]
        let values = [url, "\(max(1, timeoutSeconds))", application, "5", "2", "3", "\(timeoutSeconds * 2000)"]
        let keyPointers = keys.map { strdup($0) } + [nil]
        let valuePointers = values.map { strdup($0) } + [nil]
        defer { (keyPointers + valuePointers).forEach { free($0) } }
        let connection: OpaquePointer? = keyPointers.withUnsafeBufferPointer { keyBuffer in
            valuePointers.withUnsafeBufferPointer { valueBuffer in
                keyBuffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: keys.count + 1) { keyBase in
                    valueBuffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: values.count + 1) { valueBase in
                        PQconnectdbParams(keyBase, valueBase, 1)
                    }
                }
            }
        }
        guard let connection else { throw SpoolscanError(.queueUnreachable, "out of memory opening a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.message(PQerrorMessage(connection))
            PQfinish(connection)
            throw SpoolscanError(.queueUnreachable, message)
        }
        handle = connection
        spool_pq_silence_notices(connection)
        _ = try exec("SET idle_in_transaction_session_timeout = '30s'")
        _ = try exec("SET lock_timeout = '10s'")
    }

    deinit { PQfinish(handle) }

    /// Statements sent so far (each one round trip), for the claim figures.
    private(set) var statements = 0

    /// Whether the connection is still up (false after the server went away).
    var isUsable: Bool { PQstatus(handle) == CONNECTION_OK }

    /// The server's socket, for `poll()` while waiting for notifications.
    var socket: Int32 { PQsocket(handle) }

    /// Runs one statement with text parameters (`$1`, `$2`, …; nil is SQL NULL) and returns its rows.
    @discardableResult
    func exec(_ sql: String, _ parameters: [String?] = []) throws(SpoolscanError) -> PGRows {
        statements += 1
        let copies = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let result: OpaquePointer? = copies.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                PQexecParams(handle, sql, Int32(parameters.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        guard let result else { throw SpoolscanError(.queueUnreachable, Self.message(PQerrorMessage(handle))) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            let message = Self.message(PQresultErrorMessage(result))
            let state = String(cString: spool_pq_sqlstate(result))
            // Class 08 (connection exception), 57P01-03 (server shutting down), or a dead socket.
            if !isUsable || state.hasPrefix("08") || state.hasPrefix("57P") {
                throw SpoolscanError(.queueUnreachable, message)
            }
            throw SpoolscanError(.queueQueryFailed, state.isEmpty ? message : "\(state) \(message)")
        }
        return PGRows(result)
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try exec("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            if isUsable { _ = try? exec("ROLLBACK") }
            throw error
        }
        try exec("COMMIT")
        return value
    }

    /// Waits up to `timeoutMs` for notifications on the channels this connection listens to and
    /// returns their payloads (empty on time-out). Throws `HNDL-022` when the connection broke.
    func notifications(timeoutMs: Int32) throws(SpoolscanError) -> [String] {
        var received = drainNotifications()
        if !received.isEmpty { return received }
        var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, timeoutMs)
        if ready < 0 && errno != EINTR {
            throw SpoolscanError(.queueUnreachable, "poll: \(String(cString: strerror(errno)))")
        }
        if ready > 0 {
            guard PQconsumeInput(handle) == 1, isUsable else {
                throw SpoolscanError(.queueUnreachable, Self.message(PQerrorMessage(handle)))
            }
            received = drainNotifications()
        }
        return received
    }

    private func drainNotifications() -> [String] {
        var payloads: [String] = []
        while let notice = PQnotifies(handle) {
            payloads.append(String(cString: notice.pointee.extra))
            PQfreemem(notice)
        }
        return payloads
    }

    private static func message(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown libpq error" }
        return String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ")
    }
}
