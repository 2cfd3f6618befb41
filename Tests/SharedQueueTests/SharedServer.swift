import Foundation

/// One server for the ledger tests of this process (each test makes a database of its own);
/// stopped when the test process exits. Tests that stop the server start their own.
enum SharedServer {
    static let server: Result<PostgresServer, ServerError> = {
        if let reason = PostgresServer.unavailable { return .failure(ServerError(reason)) }
        do {
            let server = try PostgresServer()
            serverToStop = server
            atexit { serverToStop?.destroy() }
            return .success(server)
        } catch {
            return .failure(ServerError("\(error)"))
        }
    }()

    /// A fresh database on the shared server.
    static func database(_ prefix: String = "t") throws -> String {
        let server = try server.get()
        return try server.createDatabase("\(prefix)_\(UInt32.random(in: 0...UInt32.max))")
    }
}

nonisolated(unsafe) private var serverToStop: PostgresServer?
