import Foundation
import TestSupport
import Testing

/// The unit files in `systemd/` pass `systemd-analyze verify` (with ExecStart pointed at the
/// built binary, since verify checks that it exists) and keep their sandbox settings.
@Suite struct SystemdUnitTests {
    static let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let units = ["spoolscan.service", "spoolscan-sweep.service", "spoolscan-sweep.timer", "spoolscan-db-update.service", "spoolscan-db-update.timer"]

    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed: unit files not verified"))
    func unitFilesVerify() throws {
        let folder = NSTemporaryDirectory() + "spool-units-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for unit in Self.units {
            let text = try String(contentsOfFile: "\(SpoolHarness.packageRoot)/systemd/\(unit)", encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/local/bin/spoolscan", with: SpoolHarness.binary)
                .write(toFile: "\(folder)/\(unit)", atomically: true, encoding: .utf8)
        }
        let result = try CommandRunner.run(Self.analyze!, ["verify"] + Self.units.map { "\(folder)/\($0)" },
                                           directory: folder, errors: .merged)
        let output = result.stdout
        #expect(result.status == 0, "\(output)")
        #expect(output.isEmpty, "\(output)")
    }

    @Test func daemonIsSandboxed() throws {
        let text = try String(contentsOfFile: "\(SpoolHarness.packageRoot)/systemd/spoolscan.service", encoding: .utf8)
        for setting in ["ProtectSystem=strict", "ReadWritePaths=/var/spool/spoolscan", "PrivateNetwork=yes",
                        "NoNewPrivileges=yes", "PrivateTmp=yes", "ProtectHome=yes", "ProtectKernelTunables=yes",
                        "ProtectKernelModules=yes", "RestrictAddressFamilies=AF_UNIX", "MemoryMax=", "TasksMax=",
                        "UMask=0027", "SystemCallFilter=@system-service", "SystemCallArchitectures=native"] {
            #expect(text.contains(setting), "missing \(setting)")
        }
        let timer = try String(contentsOfFile: "\(SpoolHarness.packageRoot)/systemd/spoolscan-sweep.timer", encoding: .utf8)
        #expect(timer.contains("Persistent=true") && timer.contains("RandomizedDelaySec="))
    }
}
