import Foundation
@testable import Spool

/// A temporary shared spool, a fast fake scanner and `spoolscan watch --queue` daemons as
/// separate processes, for the daemon-level queue tests.
final class QueueHarness: @unchecked Sendable {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()
    static let binary = "\(packageRoot)/.build/debug/spoolscan"

    /// Why the daemon tests cannot run (nil when they can).
    static let unavailable: String? = {
        if let reason = PostgresServer.unavailable { return reason }
        if !FileManager.default.isExecutableFile(atPath: binary) { return "\(binary) missing: run `swift build --build-tests` first" }
        return nil
    }()

    let root: String
    var spool: String { "\(root)/spool" }
    var logs: String { "\(root)/logs" }

    init(_ name: String = #function) throws {
        let safe = name.filter { $0.isLetter || $0.isNumber }
        root = NSTemporaryDirectory() + "queuetest-\(safe)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        for folder in ["spool/pending", "spool/tmp", "logs"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        try Self.fakeScanner.write(toFile: "\(root)/fake-scanner.sh", atomically: true, encoding: .utf8)
        chmod("\(root)/fake-scanner.sh", 0o755)
    }

    deinit { if ProcessInfo.processInfo.environment["QUEUETEST_KEEP"] == nil { try? FileManager.default.removeItem(atPath: root) } }

    /// Logs `start NAME NS HOST` and `end NAME NS HOST`, flags two scans of one artifact at once
    /// (`overlap.log`, flock), sleeps `logs/sleep-ms` if present, fails `bad*` with SCAN-003, crashes on
    /// `crash*`, reports a full disk (HNDL-007) on `disk*`, and
    /// writes a report whose `scanner.name` names the scanning host (`fake-HOST`).
    static let fakeScanner = #"""
    #!/bin/bash
    art="$1"; out="$2"; logs="$3"; host="$4"; name=$(basename "$art")
    exec 9>"$logs/$name.lock"
    flock -n 9 || echo "OVERLAP $name $host" >> "$logs/overlap.log"
    echo "start $name $(date +%s%N) $host" >> "$logs/starts.log"
    if [ -f "$logs/sleep-ms" ]; then sleep "$(awk "BEGIN{print $(cat "$logs/sleep-ms")/1000}")"; fi
    case "$name" in
      bad*) echo "SCAN-003: truncated tar header" >&2; exit 2 ;;
      crash*) kill -SEGV $$ ;;
      disk*) echo "HNDL-007: no space left on device" >&2; exit 1 ;;
    esac
    printf '{"schemaVersion":"2.0","scanner":{"name":"fake-%s","version":"0"},"createdAt":"2026-01-01T00:00:00Z","artifact":{"path":"x","sha256":"00","size":1,"format":"docker-archive","images":[]},"warnings":[]}\n' "$host" > "$out"
    echo "end $name $(date +%s%N) $host" >> "$logs/starts.log"
    """#

    func setScannerSleep(ms: Int) throws {
        try "\(ms)".write(toFile: "\(logs)/sleep-ms", atomically: true, encoding: .utf8)
    }

    /// Drops a file the producer way: write into `tmp/`, then rename into `pending/`.
    func drop(_ name: String, _ content: String = "artifact") throws {
        try content.write(toFile: "\(spool)/tmp/\(name)", atomically: false, encoding: .utf8)
        guard rename("\(spool)/tmp/\(name)", "\(spool)/pending/\(name)") == 0 else { throw ServerError("rename \(name)") }
    }

    /// Starts a daemon as host `host` (in network namespace `namespace` when given).
    func startDaemon(host: String, url: String, workers: Int = 2, lease: Double = 3, namespace: String? = nil,
                     extra: [String] = []) throws -> DaemonProcess {
        let command = [Self.binary, "watch", "--spool", spool, "--queue", url, "--host-name", host,
                       "--lease-seconds", "\(lease)", "--workers", "\(workers)", "--rescan-seconds", "1",
                       "--settle-ms", "200", "--retry-backoff-seconds", "0.2", "--grace-seconds", "5",
                       "--scanner-command", "\(root)/fake-scanner.sh {artifact} {output} \(logs) \(host)"] + extra
        let prefix = namespace.map { ["/usr/sbin/ip", "netns", "exec", $0] } ?? []
        return try DaemonProcess(prefix + command, log: "\(logs)/daemon-\(host).log")
    }

    /// Names in a state folder, without sidecars.
    func artifacts(in state: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "\(spool)/\(state)")) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".report.json") && !$0.hasSuffix(".error.json") }.sorted()
    }

    /// Waits until `count` artifacts are in `done/` and `error/` together; false on time-out.
    func waitForFinished(_ count: Int, timeoutSeconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while Date() < deadline {
            if artifacts(in: "done").count + artifacts(in: "error").count >= count { return true }
            usleep(100_000)
        }
        return false
    }

    /// Lines of `starts.log` with the given first word (`start`/`end`): (name, ns, host).
    func scannerEvents(_ kind: String) -> [(name: String, ns: Int64, host: String)] {
        let text = (try? String(contentsOfFile: "\(logs)/starts.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count == 4, words[0] == kind, let ns = Int64(words[2]) else { return nil }
            return (String(words[1]), ns, String(words[3]))
        }
    }

    var overlaps: String { (try? String(contentsOfFile: "\(logs)/overlap.log", encoding: .utf8)) ?? "" }

    func report(_ name: String) -> String {
        (try? String(contentsOfFile: "\(spool)/done/\(name).report.json", encoding: .utf8)) ?? ""
    }
}
