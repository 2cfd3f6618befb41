import Foundation
import TestSupport

/// A PostgreSQL server of a test's own: `initdb` in a temporary folder, started with `pg_ctl`
/// (as the `postgres` user when the tests run as root), on a free port, listening on loopback
/// (and on `extraAddresses`), with fsync off. Stopped and removed by ``destroy()``.
final class PostgresServer: @unchecked Sendable {
    static let binaries = "/usr/lib/postgresql/15/bin"

    /// Why a server cannot be started here (nil when it can): the reason shown for a skipped test.
    static let unavailable: String? = {
        for tool in ["initdb", "pg_ctl", "postgres"] where !FileManager.default.isExecutableFile(atPath: "\(binaries)/\(tool)") {
            return "\(binaries)/\(tool) missing: install Debian's postgresql package (scripts/install-deps) to run the queue tests"
        }
        if getuid() == 0 && getpwnam("postgres") == nil { return "running as root but there is no postgres user to run the server as" }
        return nil
    }()

    let directory: String
    let port: Int
    private let listen: String

    /// Creates and starts a server.
    /// `extraAddresses`: more addresses to listen on; `trustedNetworks`: CIDR ranges allowed in
    /// without a password (loopback always is).
    init(extraAddresses: [String] = [], trustedNetworks: [String] = []) throws {
        directory = NSTemporaryDirectory() + "pgtest-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        listen = (["127.0.0.1"] + extraAddresses).joined(separator: ",")
        if getuid() == 0, let user = getpwnam("postgres") { chown(directory, user.pointee.pw_uid, user.pointee.pw_gid) }
        try run("initdb", ["-D", "\(directory)/data", "--auth=trust", "--username=postgres", "--no-sync", "-E", "UTF8",
                           "--locale=C"])
        if !trustedNetworks.isEmpty {
            let hba = "\(directory)/data/pg_hba.conf"
            let lines = trustedNetworks.map { "host all all \($0) trust\n" }.joined()
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: hba))
            handle.seekToEndOfFile()
            handle.write(Data(lines.utf8))
            try handle.close()
        }
        try start()
    }

    /// `postgres://postgres@127.0.0.1:PORT/DATABASE`.
    func url(_ database: String = "postgres", host: String = "127.0.0.1") -> String {
        "postgres://postgres@\(host):\(port)/\(database)"
    }

    func start() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/server.log", "-w", "-t", "30", "-o",
                           "-p \(port) -k \(directory) -c listen_addresses=\(listen) -c fsync=off -c max_connections=200", "start"])
    }

    func stop() throws {
        try run("pg_ctl", ["-D", "\(directory)/data", "-m", "fast", "-w", "-t", "30", "stop"])
    }

    /// Creates a database and returns its URL.
    func createDatabase(_ name: String) throws -> String {
        let result = try CommandRunner.run("\(Self.binaries)/psql",
                                           ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres", "-d", "postgres", "-qAt",
                                            "-c", "CREATE DATABASE \(name)"], errors: .separate)
        guard result.status == 0 else { throw ServerError("CREATE DATABASE \(name): \(result.stderr)") }
        return url(name)
    }

    /// Runs SQL with psql and returns its unaligned output.
    func psql(_ database: String, _ sql: String) throws -> String {
        let result = try CommandRunner.run("\(Self.binaries)/psql", ["-h", "127.0.0.1", "-p", "\(port)", "-U", "postgres",
                                                                     "-d", database, "-qAt", "-v", "ON_ERROR_STOP=1", "-c", sql],
                                           errors: .separate)
        guard result.status == 0 else { throw ServerError("psql: \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the server and removes its folder.
    func destroy() {
        try? stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs a server tool with its output in `tool.log`.
    private func run(_ tool: String, _ arguments: [String]) throws {
        let executable = "\(Self.binaries)/\(tool)"
        let log = "\(directory)/\(tool).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        if getuid() == 0, let user = getpwnam("postgres") { chown(log, user.pointee.pw_uid, user.pointee.pw_gid) }
        let words = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments
                                  : [executable] + arguments
        // Output to a file and posix_spawn + waitpid (DaemonProcess): Foundation's Process
        // missed the exit of runuser here.
        let status = try DaemonProcess(words, log: log).wait(timeoutSeconds: 120)
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitCode == 0 else {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            let server = (try? String(contentsOfFile: "\(directory)/server.log", encoding: .utf8)) ?? ""
            throw ServerError("\(tool) failed (\(exitCode)): \(text.suffix(2000)) \(server.suffix(2000))")
        }
    }

    /// A TCP port nobody listens on now (bound to port 0, read back, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ServerError("cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

struct ServerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
