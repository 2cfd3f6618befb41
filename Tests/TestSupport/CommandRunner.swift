import Foundation

/// Runs a program for a test (the built binary, a corpus script, a peer scanner, openssl,
/// systemd-analyze): the one place tests start processes and collect what they print.
public enum CommandRunner {
    /// Where the program's standard error goes.
    public enum ErrorOutput: Sendable {
        /// Discarded.
        case discard
        /// Collected apart from standard output (``Result/stderr``).
        case separate
        /// Interleaved into standard output, as a terminal would show them.
        case merged
    }

    /// How a run ended and what it printed.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable` with `arguments` and waits for it. `environment` replaces the
    /// process's environment when given; `directory` is its working folder. Both pipes are read
    /// while the program runs, so a large output never blocks it. Throws when it cannot start.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil,
                           directory: String? = nil, errors: ErrorOutput = .separate) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        process.standardOutput = out
        let err: Pipe?
        switch errors {
        case .discard: process.standardError = FileHandle.nullDevice; err = nil
        case .merged: process.standardError = out; err = nil
        case .separate: let pipe = Pipe(); process.standardError = pipe; err = pipe
        }
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let reader = err.map { pipe in Thread { errorData = pipe.fileHandleForReading.readDataToEndOfFile() } }
        reader?.start()
        let outputData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while let reader, !reader.isFinished { usleep(1000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs `executable` with `arguments`, standard error discarded; returns its exit status
    /// (-1 when it could not start) and its standard output.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        guard let result = try? run(executable, arguments, errors: .discard) else { return (-1, "") }
        return (result.status, result.stdout)
    }
}
