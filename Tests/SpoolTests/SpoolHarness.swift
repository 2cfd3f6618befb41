import Foundation
import Testing
@testable import Spool

/// Runs the real `spoolscan` binary against a temporary spool with a fake scanner script.
final class SpoolHarness: @unchecked Sendable {
    /// The package root, found from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `.build/debug/spoolscan` (build first: `swift build --build-tests`).
    static let binary = "\(packageRoot)/.build/debug/spoolscan"

    /// Why the binary cannot be trusted: a source file edited after the last build (the tests
    /// would check old code).
    static let staleness: String? = {
        func mtime(_ path: String) -> Int64 {
            var st = stat()
            guard stat(path, &st) == 0 else { return 0 }
            return Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        }
        // The last build: the binary, or the build plan SwiftPM writes on every build (not on
        // `swift test --skip-build`), since a build after an edit that changed no object (a
        // comment) leaves the binary as it was.
        let built = max(mtime(binary), mtime("\(packageRoot)/.build/debug.yaml"))
        let sources = "\(packageRoot)/Sources"
        guard let files = FileManager.default.enumerator(atPath: sources) else { return nil }
        for case let file as String in files where file.hasSuffix(".swift") || file.hasSuffix(".h") {
            if mtime("\(sources)/\(file)") > built {
                return "Sources/\(file) changed after \(binary) was built: run `swift build --build-tests` before the spool tests"
            }
        }
        return nil
    }()

    let root: String
    var spool: String { "\(root)/spool" }
    /// The fake scanner's logs and locks.
    var logs: String { "\(root)/logs" }

    init(_ name: String = #function) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw HarnessError("\(Self.binary) missing: run `swift build --build-tests` first")
        }
        if let stale = Self.staleness { throw HarnessError(stale) }
        let safe = name.filter { $0.isLetter || $0.isNumber }
        root = NSTemporaryDirectory() + "spooltest-\(safe)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        for folder in ["spool/pending", "spool/tmp", "logs/locks"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        try Self.fakeScanner.write(toFile: "\(root)/fake-scanner.sh", atomically: true, encoding: .utf8)
        chmod("\(root)/fake-scanner.sh", 0o755)
    }

    deinit { if ProcessInfo.processInfo.environment["SPOOLTEST_KEEP"] == nil { try? FileManager.default.removeItem(atPath: root) } }

    /// A scanner that logs its start, its address-space limit and any inherited inotify or spool
    /// lock descriptor (only its job lock, fd 3, may be inherited), detects two scans of one artifact at once (flock), behaves
    /// by name prefix (hang*, crash*, oom*, bad*, held* — a fault of the host, SCAN-014), fails an empty file with SCAN-002, sleeps `logs/sleep-ms` if present, and writes
    /// a minimal valid report plus `scanned NAME SIZE SHA` to `logs/scans.log`.
    static let fakeScanner = #"""
    #!/bin/bash
    art="$1"; out="$2"; logs="$3"; name=$(basename "$art")
    exec 9>"$logs/locks/$name.lock"
    flock -n 9 || echo "OVERLAP $name" >> "$logs/overlap.log"
    echo "start $name $(date +%s%N) $$" >> "$logs/starts.log"
    for fd in /proc/$$/fd/*; do readlink "$fd"; done | grep -E 'inotify|/\.lock$|/\.state/jobs' >> "$logs/leaked-fds.log"
    echo "$name $(ulimit -v)" >> "$logs/limits.log"
    [ -s "$art" ] || { echo "SCAN-002: empty file" >&2; exit 2; }
    case "$name" in
      hang*) sleep 1000 ;;
      crash*) kill -SEGV $$ ;;
      oom*) kill -KILL $$ ;;
      bad*) echo "SCAN-003: truncated tar header at 512" >&2; exit 2 ;;
      held*) echo "SCAN-014: artifact cannot be read: injected fault of the host" >&2; exit 3 ;;
    esac
    if [ -f "$logs/sleep-ms" ]; then sleep "$(awk "BEGIN{print $(cat "$logs/sleep-ms")/1000}")"; fi
    sha=$(sha256sum < "$art" | cut -d' ' -f1); size=$(stat -c %s "$art")
    safe=$(printf '%s' "$art" | LC_ALL=C tr -c 'A-Za-z0-9/._-' '_')
    printf '{"schemaVersion":"2.0","scanner":{"name":"fake","version":"0"},"createdAt":"2026-01-01T00:00:00Z","artifact":{"path":"%s","sha256":"%s","size":%s,"format":"docker-archive","images":[]},"warnings":[]}\n' "$safe" "$sha" "$size" > "$out"
    echo "scanned $name $size $sha" >> "$logs/scans.log"
    """#

    var scannerFlag: [String] { ["--scanner-command", "\(root)/fake-scanner.sh {artifact} {output} \(logs)"] }

    /// Drops a file the producer way: write into `tmp/`, then rename into `pending/`.
    func drop(_ name: String, _ content: String) throws {
        let temporary = "\(spool)/tmp/\(name)"
        try content.write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, "\(spool)/pending/\(name)") == 0 else { throw HarnessError("rename \(name)") }
    }

    func setScanSleep(ms: Int) throws {
        try "\(ms)".write(toFile: "\(logs)/sleep-ms", atomically: true, encoding: .utf8)
    }

    /// Starts `spoolscan ARGS` with stderr into `logs/NAME.stderr` and stdout into `logs/NAME.stdout`.
    func start(_ arguments: [String], log name: String, environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        _ = FileManager.default.createFile(atPath: "\(logs)/\(name).stderr", contents: nil)
        _ = FileManager.default.createFile(atPath: "\(logs)/\(name).stdout", contents: nil)
        process.standardError = FileHandle(forWritingAtPath: "\(logs)/\(name).stderr")
        process.standardOutput = FileHandle(forWritingAtPath: "\(logs)/\(name).stdout")
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Starts the daemon and waits until it watches the spool.
    func startDaemon(_ extra: [String] = [], log name: String = "daemon") async throws -> Process {
        let slots = "\(spool)/.state/slots.json"
        try? FileManager.default.removeItem(atPath: slots)
        let process = try start(["watch", "--spool", spool, "--log-format", "json"] + scannerFlag + extra, log: name)
        try await waitUntil("daemon ready", timeout: 20) { FileManager.default.fileExists(atPath: slots) }
        return process
    }

    /// Runs `spoolscan ARGS` to completion; returns exit status and stdout.
    func run(_ arguments: [String], log name: String) async throws -> (Int32, String) {
        let process = try start(arguments, log: name)
        while process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
        return (process.terminationStatus, read("\(logs)/\(name).stdout"))
    }

    func stop(_ process: Process, signal: Int32 = SIGTERM) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        try await waitUntil("process exit", timeout: 30) { !process.isRunning }
        return process.terminationStatus
    }

    func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }

    func lines(_ log: String) -> [String] {
        read("\(logs)/\(log)").split(separator: "\n").map(String.init)
    }

    /// Artifact names (not sidecars, not dot-files) in a state folder.
    func artifacts(_ state: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(spool)/\(state)")) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".report.json") && !$0.hasSuffix(".error.json") }.sorted()
    }

    func json(_ path: String) throws -> [String: Any] {
        guard let data = FileOps.read(path) else { throw HarnessError("cannot read \(path)") }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    func waitUntil(_ what: String, timeout: Double, _ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline { throw HarnessError("timed out waiting for \(what)") }
            try await Task.sleep(for: .milliseconds(25))
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
